import 'server-only';
import { z } from 'zod';
import { API_PAGE_SIZE } from '@/lib/fleet-query';
import { fleetQuerySchema } from '@/lib/fleet-query-schema';
import { metricRangeKeys } from '@/lib/metric-ranges';
import { operationRequestSchema } from '@/lib/operations/operation-types';
import { contractInputSchema } from '@/lib/sla/contract-input';
import { auditQuerySchema } from '@/lib/server/audit/find-audit-events';
import {
  auditEventsSchema,
  chainDetailSchema,
  chainResponseSchema,
  conformanceSchema,
  contractResponseSchema,
  errorSchema,
  fleetChainSchema,
  fleetPageSchema,
} from './schemas';
import { userPaths, userSchemas } from './openapi-users';

// The OpenAPI document, generated from the zod schemas the API validates and answers with.

type JsonSchema = Record<string, unknown>;

function components(): Record<string, JsonSchema> {
  const registry = new z.core.$ZodRegistry<{ id: string }>();
  for (const schema of [
    auditEventsSchema,
    conformanceSchema,
    fleetChainSchema,
    chainDetailSchema,
    fleetPageSchema,
    chainResponseSchema,
    contractResponseSchema,
    errorSchema,
    ...userSchemas,
  ])
    registry.add(schema, { id: schema.meta()!.id as string });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  // OpenAPI names components by key; the JSON Schema dialect and ids would only confuse tools.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $schema: _dialect, $id: _id, ...rest } = s as JsonSchema;
      return [id, rest];
    }),
  );
}

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: (() => {
      const { $schema: _dialect, ...rest } = z.toJSONSchema(field as z.ZodType, {
        io: 'output',
        unrepresentable: 'any',
      }) as JsonSchema;
      return rest;
    })(),
  }));
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});
const errors = {
  '400': json('Error', 'Invalid input; every problem is named'),
  '401': json('Error', 'Not signed in, or no valid token'),
  '403': json('Error', 'Your role may not do this, or a write signed in by cookie came from another origin'),
};
/** Routes that take a JSON body also answer 415 to a body of another Content-Type. */
const bodyErrors = { ...errors, '415': json('Error', 'The body was not sent as Content-Type: application/json') };

const slugParameter = {
  name: 'slug',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
};

function bodySchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

let cached: JsonSchema | undefined;

export function openApiDocument(): JsonSchema {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Fleetpane read API',
      version: '1',
      description:
        'The fleet as the dashboard shows it. Authenticate with a personal API token (Authorization: Bearer) or a signed-in session.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      '/audit': {
        get: {
          summary: 'The audit trail, newest first (admins)',
          operationId: 'listAuditEvents',
          parameters: queryParameters(auditQuerySchema),
          responses: { '200': json('AuditEvents', 'The matching events'), ...errors },
        },
      },
      '/chains': {
        get: {
          summary: 'List chains (filtered, sorted, paged)',
          operationId: 'listChains',
          parameters: queryParameters(fleetQuerySchema(API_PAGE_SIZE)),
          responses: {
            '200': json('FleetPage', 'One page of the fleet, with health tiles over the whole fleet'),
            ...errors,
          },
        },
      },
      '/chains/{slug}': {
        get: {
          summary: "One chain's deployment as last read",
          operationId: 'getChain',
          parameters: [
            {
              name: 'slug',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
            },
          ],
          responses: { '200': json('ChainResponse', 'The chain'), '404': json('Error', 'No such chain'), ...errors },
        },
      },
      '/chains/{slug}/contract': {
        get: {
          summary: "One chain's contract, prices included (admins, finance, and the chain's own account manager)",
          operationId: 'getContract',
          parameters: [slugParameter],
          responses: {
            '200': json('ContractResponse', 'The contract, null when the chain has none'),
            '404': json('Error', 'No such chain'),
            ...errors,
            '403': json(
              'Error',
              "The contract is money: ops and other chains' account managers are refused (audited); they read the terms on the SLA endpoint",
            ),
          },
        },
        put: {
          summary: "Replace a chain's contract (admins, and the chain's own account manager)",
          operationId: 'putContract',
          parameters: [slugParameter],
          requestBody: { required: true, content: { 'application/json': { schema: bodySchema(contractInputSchema) } } },
          responses: {
            '200': json('ContractResponse', 'The contract as saved'),
            '404': json('Error', 'No such chain'),
            '409': json('Error', 'The contract changed since the version sent'),
            ...bodyErrors,
          },
        },
      },
      '/chains/{slug}/sla': {
        get: {
          summary:
            "One chain's SLA health: month, last 30 days, burn rates, incidents, months of the contract, credits, conformance",
          operationId: 'getChainSla',
          parameters: [slugParameter],
          responses: {
            '200': {
              description:
                "{ sla }: the SLA figures as the SLA page shows them (README: How SLA figures are computed). `sla.moneyHidden` is true for a viewer who may not see the chain's money (ops, other chains' account managers): then `contract` has no `monthlyPrice`, `monthlyTotal`, `marginTargetPct` or upgrade `monthlyPrice`, and every `credit` (month, months[]) has `creditPct` and `reason` but no `amount`.",
            },
            '404': json('Error', 'No such chain'),
            ...errors,
          },
        },
      },
      '/chains/{slug}/operations': {
        post: {
          summary: 'Request an operation on one chain (ops, admins)',
          operationId: 'requestOperation',
          parameters: [
            slugParameter,
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              schema: { type: 'string', minLength: 8, maxLength: 128 },
              description: 'The same key (per user) always yields the same operation',
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: bodySchema(operationRequestSchema) } },
          },
          responses: {
            '202': { description: '{ operation: { id, status } }; Location: /api/v1/operations/{id}' },
            '404': json('Error', 'No such chain'),
            '409': json(
              'Error',
              'Another operation is queued or running on this resource (named), or the key was used for another request',
            ),
            ...bodyErrors,
          },
        },
        get: {
          summary: "The chain's latest operations",
          operationId: 'listChainOperations',
          parameters: [slugParameter],
          responses: { '200': { description: '{ operations: [...] }' }, ...errors },
        },
      },
      '/operations/{id}': {
        get: {
          summary: 'One operation: status, steps, durations',
          operationId: 'getOperation',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: '{ operation: { id, chain, type, params, status, error, steps: [...] } }' },
            '404': json('Error', 'No such operation'),
            ...errors,
          },
        },
      },
      '/reports/costs': {
        get: {
          summary:
            'Cost, revenue, SLA credits and margin per chain and month (finance, admins; account managers their own chains)',
          operationId: 'getCostReport',
          parameters: [
            {
              name: 'from',
              in: 'query',
              required: false,
              schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
              description: 'First month (UTC); default 11 months ago',
            },
            {
              name: 'to',
              in: 'query',
              required: false,
              schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
              description: 'Last month, at most this one; at most 36 months',
            },
            {
              name: 'format',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json' },
            },
            { name: 'chain', in: 'query', required: false, schema: { type: 'string' }, description: 'One chain only' },
          ],
          responses: {
            '200': {
              description:
                'Streamed: JSON { from, to, currency, rows, totals }, CSV (RFC 4180, columns in the README) or XLSX',
            },
            '404': json('Error', 'No such chain'),
            ...errors,
          },
        },
      },
      '/costs/ingest': {
        post: {
          summary: 'Read Cost Explorer now for every account (finance, admins)',
          operationId: 'ingestCosts',
          responses: { '200': { description: '{ ingest: { accounts, lines, calls, failures } }' }, ...errors },
        },
      },
      '/chains/{slug}/metrics': {
        get: {
          summary: "One chain's CloudWatch metrics for a time range",
          operationId: 'getChainMetrics',
          parameters: [
            { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'range',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: metricRangeKeys, default: '24h' },
            },
          ],
          responses: {
            '200': { description: 'Series of [epoch ms, value] pairs per metric' },
            '404': json('Error', 'No such chain'),
            ...errors,
          },
        },
      },
      ...userPaths({ json, errors, bodySchema }),
    },
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (API tokens page, or npm run token)',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description:
            'The browser session (named __Host-next-auth.session-token over https); ended by sign-out and by the idle and absolute timeouts',
        },
      },
    },
  };
  return cached;
}
