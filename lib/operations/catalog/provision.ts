import { z } from 'zod';
import { entry } from './entry';

// Queued by POST /api/v1/chains (lib/server/operations/provision-chain.ts) with the spec it computed from
// the tier's template; never requested on an existing chain, so it has no dialog.
export const provisionSpecSchema = z.object({
  /** Missing in operations recorded before shared provisioning existed: dedicated. */
  databaseKind: z.enum(['dedicated', 'shared']).optional(),
  /** Dedicated: the chain's new instance. Shared: the shared instance its database goes into. */
  dbInstanceIdentifier: z.string().min(1),
  instanceClass: z.string().min(1),
  storageGb: z.number().int(),
  multiAz: z.boolean(),
  backupRetentionDays: z.number().int(),
  deletionProtection: z.boolean(),
  appInstanceType: z.string().min(1),
  ami: z.string().min(1),
});

export type ProvisionSpec = z.infer<typeof provisionSpecSchema>;

export const provision = entry({
  label: 'Provision the chain',
  change:
    'Creates the chain\u2019s database (a dedicated instance, or its own database and login in a shared instance) and app instance from its tier\u2019s template, stores its configuration, then checks its health.',
  downtime: 'None: the chain is new.',
  destructive: false,
  params: provisionSpecSchema,
  database: 'any',
  needsApproval: false,
  costChange: () => 'the tier template\u2019s infrastructure',
});
