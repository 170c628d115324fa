import 'server-only';
import { z } from 'zod';
import { API_PAGE_SIZE } from '@/lib/fleet-query';
import { fleetQuerySchema } from '@/lib/fleet-query-schema';
import { metricRangeKeys } from '@/lib/metric-ranges';
import { operationRequestSchema } from '@/lib/operations/operation-types';
import { contractInputSchema } from '@/lib/sla/contract-input';
import { auditQuerySchema } from '@/lib/audit/audit-query';
import { auditVerificationSchema } from '@/lib/server/audit/verify-audit-trail';
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
import { financePaths } from './openapi-finance';
import { alertPaths, alertSchemas } from './openapi-alerts';
import { alertChannelPaths, alertChannelSchemas } from './openapi-alert-channels';
import { checkPaths, checkSchemas } from './openapi-checks';
import { flagPaths, flagSchemas } from './openapi-flags';
import { operationPaths, provisionPath } from './openapi-operations';
import { bodyErrors, bodySchema, errors, json, queryParameters, ref, slugParameter } from './openapi-helpers';
import type { JsonSchema } from './openapi-helpers';

// The OpenAPI document, generated from the zod schemas the API validates and answers with.

function components(): Record<string, JsonSchema> {
  const registry = new z.core.$ZodRegistry<{ id: string }>();
  for (const schema of [
    auditEventsSchema,
    auditVerificationSchema,
    conformanceSchema,
    fleetChainSchema,
    chainDetailSchema,
    fleetPageSchema,
    chainResponseSchema,
    contractResponseSchema,
    errorSchema,
    ...userSchemas,
    ...flagSchemas,
    ...alertSchemas,
    ...alertChannelSchemas,
    ...checkSchemas,
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
          summary: 'The audit trail the caller may read, newest first, a page at a time (or all of it as CSV)',
          description:
            "Admins read every event; ops and finance the events about chains and the fleet's own (not users, tokens or sign-ins); account managers those of the chains they manage; everyone their own sign-ins. Pages seek on (at, id): pass `nextCursor` as `cursor`. `format=csv` streams the whole filtered view.",
          operationId: 'listAuditEvents',
          parameters: queryParameters(auditQuerySchema),
          responses: {
            '200': {
              description: 'The matching events, and the cursor of the next page (null on the last)',
              content: {
                'application/json': { schema: ref('AuditEvents') },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            ...errors,
          },
        },
      },
      '/audit/verify': {
        get: {
          summary: "Checks the audit trail's hash chain (admins): ok, or the first event where it breaks",
          operationId: 'verifyAuditTrail',
          responses: { '200': json('AuditVerification', 'The result of the walk'), ...errors },
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
        post: provisionPath,
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
      ...financePaths(),
      ...flagPaths(),
      ...alertPaths(),
      ...alertChannelPaths(),
      ...checkPaths(),
      ...operationPaths(),
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
