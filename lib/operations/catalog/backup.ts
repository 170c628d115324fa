import { z } from 'zod';
import { entry } from './entry';

export const backup = entry({
  label: 'Back up now',
  change: 'Takes a manual RDS snapshot of the chain\u2019s database, tagged with the chain.',
  downtime: 'None.',
  destructive: false,
  params: z.object({}).strict(),
  database: 'dedicated',
  needsApproval: false,
  dialog: { body: () => ({}) },
  wave: {},
  costChange: () => 'none (a snapshot adds backup storage beyond the free allowance)',
});
