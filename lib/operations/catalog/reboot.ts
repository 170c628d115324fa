import { z } from 'zod';
import { entry } from './entry';

export const reboot = entry({
  label: 'Reboot the database',
  change: 'Reboots the database instance (with a failover when Multi-AZ and asked).',
  downtime: 'About a minute (less with a failover).',
  destructive: true,
  params: z.object({ forceFailover: z.boolean().default(false) }).strict(),
  database: 'dedicated',
  needsApproval: false,
  dialog: {
    fields: [
      { name: 'forceFailover', kind: 'checkbox', label: () => 'Fail over to the standby', shown: (f) => !!f.multiAz },
    ],
    body: (form) => ({ forceFailover: form.forceFailover === 'on' }),
  },
  wave: {},
  costChange: () => 'none (a snapshot adds backup storage beyond the free allowance)',
});
