import { z } from 'zod';
import { describeMonthlyChange, storageChange } from '@/lib/finance/operation-cost';
import { applyImmediately, entry, storageGb } from './entry';

export const growStorage = entry({
  label: 'Grow storage',
  change: 'Grows the database\u2019s allocated storage (it can never shrink again).',
  downtime: 'None; performance may dip while storage optimizes.',
  destructive: false,
  params: z.object({ allocatedStorageGb: storageGb('allocatedStorageGb'), applyImmediately }).strict(),
  database: 'dedicated',
  needsApproval: false,
  dialog: {
    fields: [{ name: 'allocatedStorageGb', kind: 'number', label: (f) => `New size (GiB, now ${f.storageGb ?? '?'})` }],
    defaults: (f) => ({ allocatedStorageGb: String((f.storageGb ?? 20) + 50) }),
    body: (form) => ({ allocatedStorageGb: Number(form.allocatedStorageGb), applyImmediately: true }),
  },
  wave: { field: { label: 'New size (GiB)', body: (value) => ({ allocatedStorageGb: Number(value) }) } },
  costChange: (f, form) =>
    describeMonthlyChange(storageChange(f.prices, f.storageGb, Number(form.allocatedStorageGb), f.multiAz)),
});
