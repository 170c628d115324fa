import 'server-only';
import {
  chainFlagResponseSchema,
  chainFlagSchema,
  chainFlagsResponseSchema,
  flagResponseSchema,
  flagSchema,
  flagsResponseSchema,
} from '@/lib/flags/flag-dto';
import { defineFlagInputSchema, setFlagValueInputSchema, updateFlagInputSchema } from '@/lib/flags/flag-input';
import { rolloutInputSchema } from '@/lib/flags/rollout-input';
import { rolloutResponseSchema, rolloutSchema, rolloutsResponseSchema } from '@/lib/server/flags/rollout-dto';
import { bodyErrors, bodySchema, errors, json, slugParameter } from './openapi-helpers';
import type { JsonSchema } from './openapi-helpers';

// The flags part of the OpenAPI document: definitions (admins), each chain's values and their delivery to the
// chain's own Parameter Store (ops, admins), read by everyone signed in. openapi.ts registers these schemas.

export const flagSchemas = [
  flagSchema,
  flagsResponseSchema,
  flagResponseSchema,
  chainFlagSchema,
  chainFlagResponseSchema,
  chainFlagsResponseSchema,
  rolloutSchema,
  rolloutResponseSchema,
  rolloutsResponseSchema,
];

const keyParameter = {
  name: 'key',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 8, maxLength: 128 },
  description: 'The same key (per user) always yields the same delivery; without one, each request is its own',
};
const body = (schema: Parameters<typeof bodySchema>[0]) => ({
  required: true,
  content: { 'application/json': { schema: bodySchema(schema) } },
});
const delivery = {
  '202': {
    description: '{ operation: { id, status } }: the deliver-flag operation; Location: /api/v1/operations/{id}',
  },
  '404': json('Error', 'No such chain or flag'),
  '409': json('Error', 'A flag delivery is queued or running for this chain (named): one at a time per chain'),
};

export function flagPaths(): Record<string, JsonSchema> {
  return {
    '/flags': {
      get: {
        summary: 'Every flag in use (archived ones too with archived=true)',
        operationId: 'listFlags',
        parameters: [
          { name: 'archived', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
        ],
        responses: { '200': json('FlagsResponse', 'The flags, by key'), ...errors },
      },
      post: {
        summary: 'Define a flag (admins). Nothing is delivered: each chain has the default until a value is set',
        description:
          'The default must fit the type (and the JSON Schema of a json flag, draft 2020-12); a flag with a residency (e.g. EU) must be off by default (false, 0, "", [] or {}); null is not a flag value.',
        operationId: 'defineFlag',
        requestBody: body(defineFlagInputSchema),
        responses: {
          '201': json('FlagResponse', 'The flag as defined; Location: /api/v1/flags/{key}'),
          '409': json('Error', 'A flag with this key exists (archived ones too)'),
          ...bodyErrors,
        },
      },
    },
    '/flags/{key}': {
      patch: {
        summary: "Change a flag's definition or archive it (admins); its type and key never change",
        description:
          "The new rules must hold for the default and for every chain's value already set (the 400 names the chains). A new default is not delivered: it reaches the chains without their own value at their next delivery (re-apply), and drift shows them modified meanwhile.",
        operationId: 'updateFlag',
        parameters: [keyParameter],
        requestBody: body(updateFlagInputSchema),
        responses: {
          '200': json('FlagResponse', 'The flag as changed'),
          '404': json('Error', 'No such flag'),
          ...bodyErrors,
        },
      },
    },
    '/flags/{key}/rollouts': {
      get: {
        summary: "The flag's rollouts, newest first, with their waves' progress",
        operationId: 'listFlagRollouts',
        parameters: [keyParameter],
        responses: {
          '200': json('FlagRolloutsResponse', 'The rollouts'),
          '404': json('Error', 'No such flag'),
          ...errors,
        },
      },
      post: {
        summary: 'Roll a value out to the chains a match selects (ops, admins): a canary first, then batches',
        description:
          "match selects by tier, region, residency (EU, or none) and/or a list of chains; every selected chain must be allowed the value (a residency-bound flag: 400 naming the others). Run as a wave of deliver-flag operations that stops by itself on a failure. With `at` (UTC, in the future) it is scheduled: the flag-rollouts job starts it once at that time, or suspends it (with the reason) when the flag was changed or archived in between. A sensitive flag is refused: each chain's change is approved on its own.",
        operationId: 'startFlagRollout',
        parameters: [keyParameter],
        requestBody: body(rolloutInputSchema),
        responses: {
          '202': json('FlagRolloutResponse', 'The rollout, started (with its wave) or scheduled'),
          '404': json('Error', 'No such flag'),
          '409': json('Error', 'The flag is archived'),
          ...bodyErrors,
        },
      },
    },
    '/flags/{key}/rollouts/{id}/cancel': {
      post: {
        summary: 'Cancel a scheduled rollout before it starts (ops, admins)',
        operationId: 'cancelFlagRollout',
        parameters: [
          keyParameter,
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        responses: {
          '200': json('FlagRolloutResponse', 'The rollout, cancelled'),
          '404': json('Error', 'No such flag or rollout'),
          '409': json('Error', 'The rollout has started, was cancelled or suspended'),
          ...errors,
        },
      },
    },
    '/chains/{slug}/flags': {
      get: {
        summary: "One chain's flags: effective value and source, the live parameter, drift and when it was read",
        operationId: 'listChainFlags',
        parameters: [slugParameter],
        responses: {
          '200': json('ChainFlagsResponse', "The chain's flags in use"),
          '404': json('Error', 'No such chain'),
          ...errors,
        },
      },
    },
    '/chains/{slug}/flags/{key}': {
      put: {
        summary:
          "Set one chain's value of a flag (ops, admins), delivered to /fleetpane/{slug}/flags/{key} by the queue",
        description:
          "The value becomes the chain's override once written to its parameter (in the chain's own account and region). A sensitive flag's change waits for a second person's approval (POST /operations/{id}/approve). A flag with a residency is refused on (400) for a chain outside it. Values are stored as JSON text.",
        operationId: 'setChainFlag',
        parameters: [slugParameter, keyParameter, idempotencyKey],
        requestBody: body(setFlagValueInputSchema),
        responses: { ...delivery, ...bodyErrors },
      },
    },
    '/chains/{slug}/flags/{key}/reapply': {
      post: {
        summary: "Write the chain's effective value to its parameter again (drift: modified or missing)",
        operationId: 'reapplyChainFlag',
        parameters: [slugParameter, keyParameter, idempotencyKey],
        responses: { ...delivery, ...errors },
      },
    },
    '/chains/{slug}/flags/{key}/adopt': {
      post: {
        summary: "Make the live value, changed outside Fleetpane (drift modified), the chain's override",
        operationId: 'adoptChainFlag',
        parameters: [slugParameter, keyParameter],
        responses: {
          '200': json('ChainFlagResponse', 'The chain flag as adopted: its override now the live value'),
          '404': json('Error', 'No such chain or flag'),
          '409': json('Error', 'Nothing to adopt (not modified), or a delivery is queued or running'),
          ...errors,
        },
      },
    },
  };
}
