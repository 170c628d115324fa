import 'server-only';
import {
  chainChecksResponseSchema,
  checkItemSchema,
  checkRunResponseSchema,
  drillEvidenceSchema,
  runChecksInputSchema,
} from '@/lib/checks/check-dto';
import { bodyErrors, bodySchema, errors, json, slugParameter } from './openapi-helpers';
import type { JsonSchema } from './openapi-helpers';

// The nightly check's part of the OpenAPI document: a chain's latest results (everyone signed in) and a run
// on demand (ops, admins). openapi.ts registers these schemas.

export const checkSchemas = [checkItemSchema, drillEvidenceSchema, chainChecksResponseSchema, checkRunResponseSchema];

export function checkPaths(): Record<string, JsonSchema> {
  return {
    '/chains/{slug}/checks': {
      get: {
        summary: "The chain's latest nightly-check results and its last restore drill's evidence",
        description:
          'Items: backup (newest usable snapshot younger than 26 h, retention meets the tier), restore-drill (weekly; time from restore call to available), flags (drift), conformance, account-manager. A fact never read is warn ("not read yet"), never ok.',
        operationId: 'getChainChecks',
        parameters: [slugParameter],
        responses: {
          '200': json(
            'ChainChecksResponse',
            'The latest result (null when the check never ran on it) and the last drill',
          ),
          '404': json('Error', 'No such chain'),
          ...errors,
        },
      },
    },
    '/checks/run': {
      post: {
        summary: 'Run the nightly check now, over every chain or those named (ops, admins)',
        description:
          'Answers when the run has finished, with each chain\u2019s status and items. An on-demand run queues no restore drill and sends no summary e-mail (the 03:00 UTC run does both); it is audited as checks.run.',
        operationId: 'runChecks',
        requestBody: {
          required: false,
          content: { 'application/json': { schema: bodySchema(runChecksInputSchema) } },
        },
        responses: {
          '200': json('CheckRunResponse', 'The run: counts, each chain\u2019s status and items, fleet findings'),
          ...bodyErrors,
          '400': json('Error', 'Invalid body, or a chain that does not exist (named)'),
        },
      },
    },
  };
}
