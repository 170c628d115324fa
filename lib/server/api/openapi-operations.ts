import 'server-only';
import { operationFilterSchema } from '@/lib/operations/operation-filter';
import { provisionSchema } from '@/lib/operations/provision-schema';
import { waveRequestSchema } from '@/lib/server/operations/waves';
import { bodyErrors, bodySchema, errors, json, queryParameters } from './openapi-helpers';
import type { JsonSchema } from './openapi-helpers';

// The operations part of the OpenAPI document: provisioning, the queue, approvals, waves and the refresh.

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  schema: { type: 'string', minLength: 8, maxLength: 128 },
  description: 'The same key (per user) always yields the same operation',
};
const accepted = (description: string, properties: Record<string, JsonSchema>) => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
    },
  },
});
const queued = { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, status: { type: 'string' } } };

export const provisionPath = {
  summary: 'Provision a new chain from its tier (ops, admins; a sales pipeline with a token)',
  operationId: 'provisionChain',
  parameters: [idempotencyKey],
  requestBody: { required: true, content: { 'application/json': { schema: bodySchema(provisionSchema) } } },
  responses: {
    '202': accepted('Queued; Location: /api/v1/operations/{id}', { operation: queued }),
    '409': json('Error', 'The slug is taken, or the key was used for another request'),
    ...bodyErrors,
  },
};

export function operationPaths(): Record<string, JsonSchema> {
  return {
    '/operations': {
      get: {
        summary: 'The latest 100 operations, newest first, filtered',
        operationId: 'listOperations',
        parameters: queryParameters(operationFilterSchema),
        responses: { '200': { description: '{ operations: [...] }' }, ...errors },
      },
    },
    '/operations/{id}/approve': {
      post: {
        summary: 'Approve an operation that needs a second person (decommission; ops, admins, not its requester)',
        operationId: 'approveOperation',
        parameters: [idParameter],
        responses: {
          '202': accepted('Approved: a worker takes it now', { approved: { type: 'boolean', const: true } }),
          '404': json('Error', 'No such operation'),
          '409': json('Error', 'It needs no approval, is approved already, or is not queued'),
          ...errors,
        },
      },
    },
    '/operations/{id}/cancel': {
      post: {
        summary: 'Cancel an operation no worker has started (ops, admins)',
        operationId: 'cancelOperation',
        parameters: [idParameter],
        responses: {
          '200': accepted('Cancelled: it ends failed, saying who cancelled it', {
            cancelled: { type: 'boolean', const: true },
          }),
          '404': json('Error', 'No such operation'),
          '409': json('Error', 'It has started: it runs to its end'),
          ...errors,
        },
      },
    },
    '/waves': {
      get: {
        summary: 'The latest fleet actions (waves) and their progress',
        operationId: 'listWaves',
        responses: { '200': { description: '{ waves: [...] }' }, ...errors },
      },
      post: {
        summary: 'Start a fleet action over a tier or named chains, a batch at a time (ops, admins)',
        operationId: 'startWave',
        requestBody: { required: true, content: { 'application/json': { schema: bodySchema(waveRequestSchema) } } },
        responses: {
          '202': accepted('Started', {
            wave: {
              type: 'object',
              properties: {
                id: { type: 'string', format: 'uuid' },
                chains: { type: 'integer' },
                skipped: { type: 'array', items: { type: 'string' } },
              },
            },
          }),
          ...bodyErrors,
        },
      },
    },
    '/fleet/refresh': {
      post: {
        summary: 'Read the fleet from AWS now instead of at the next pass (ops, admins); joins a pass running',
        operationId: 'refreshFleet',
        responses: {
          '200': {
            description: '{ result: { awsCalls, chains, failedScopes: [{ scope, reason }] } }',
          },
          ...errors,
        },
      },
    },
    '/openapi.json': {
      get: {
        summary: 'This document',
        operationId: 'getOpenApi',
        responses: { '200': { description: 'OpenAPI 3.1' }, ...errors },
      },
    },
  };
}
