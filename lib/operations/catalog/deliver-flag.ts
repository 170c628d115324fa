import { z } from 'zod';
import { flagKeySchema, jsonValueSchema } from '@/lib/flags/flag-input';
import { entry } from './entry';

// Queued by a flag change (lib/server/flags/request-flag-delivery.ts), never requested as a plain operation:
// `set` delivers a new value and records it as the chain's override once written; `reapply` writes the
// effective value again (drift). A sensitive flag's `set` waits for a second person: the request says so,
// not the entry, since it depends on the flag.
export const deliverFlagParamsSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('set'),
    key: flagKeySchema,
    value: jsonValueSchema('value is the flag’s new value'),
  }),
  z.strictObject({ action: z.literal('reapply'), key: flagKeySchema }),
]);

export type DeliverFlagParams = z.infer<typeof deliverFlagParamsSchema>;

export const deliverFlag = entry({
  label: 'Deliver a flag',
  change:
    'Writes the flag\u2019s value to the chain\u2019s own Parameter Store path (/fleetpane/<slug>/flags/<key>), in its own account and region, and the chain\u2019s whole flag set as one flagd document.',
  downtime: 'None: the chain\u2019s app reads the new value when it next reads its parameters.',
  destructive: false,
  params: deliverFlagParamsSchema,
  database: 'any',
  needsApproval: false,
  changesDeployment: false,
  costChange: () => 'none',
});
