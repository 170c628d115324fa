import { z } from 'zod';
import { classChange, describeMonthlyChange } from '@/lib/finance/operation-cost';
import { applyImmediately, entry, rdsClass } from './entry';

export const scaleDatabase = entry({
  label: 'Scale the database',
  change: 'Changes the database\u2019s instance class.',
  downtime: 'A few minutes while the instance restarts (less with Multi-AZ: a failover).',
  destructive: false,
  params: z.object({ instanceClass: rdsClass('db.m6g.large'), applyImmediately }).strict(),
  database: 'dedicated',
  needsApproval: false,
  dialog: {
    fields: [{ name: 'instanceClass', kind: 'text', label: () => 'New class' }],
    defaults: (f) => ({ instanceClass: f.dbClass ?? '' }),
    body: (form) => ({ instanceClass: form.instanceClass ?? '', applyImmediately: true }),
  },
  wave: { field: { label: 'New class', body: (value) => ({ instanceClass: value }) } },
  costChange: (f, form) => describeMonthlyChange(classChange(f.prices, f.dbClass, form.instanceClass, f.multiAz)),
});
