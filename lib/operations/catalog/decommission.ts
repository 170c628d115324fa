import { z } from 'zod';
import { confirmSlug, entry } from './entry';

export const decommission = entry({
  label: 'Decommission the chain',
  change:
    'Takes a final snapshot, then deletes the database instance (on a shared instance: drops the chain\u2019s own database and login, the neighbours untouched; the final snapshot is of the whole shared instance), deletes its configuration, terminates the app instance, and retires the chain. Runs only once a second person (ops or admin) approves.',
  downtime: 'Permanent: the chain stops serving. The final snapshot is kept.',
  destructive: true,
  params: z.object({ confirm: confirmSlug }).strict(),
  database: 'any',
  needsApproval: true,
  dialog: { body: (_form, confirm) => ({ confirm }) },
  costChange: () => 'the chain\u2019s whole infrastructure cost stops; the final snapshot is kept (backup storage)',
});
