import { z } from 'zod';
import { describeMonthlyChange, multiAzChange } from '@/lib/finance/operation-cost';
import { applyImmediately, entry } from './entry';

const params = z.object({ applyImmediately }).strict();

export const enableMultiAz = entry({
  label: 'Enable Multi-AZ',
  change: 'Adds a standby in a second availability zone.',
  downtime: 'None; I/O may pause briefly while the standby is created.',
  destructive: false,
  params,
  database: 'dedicated',
  needsApproval: false,
  dialog: { offered: (f) => !f.multiAz, body: () => ({ applyImmediately: true }) },
  wave: {},
  costChange: (f) => describeMonthlyChange(multiAzChange(f.prices, f.dbClass, f.storageGb, true)),
});

export const disableMultiAz = entry({
  label: 'Disable Multi-AZ',
  change: 'Removes the standby: the database runs in one availability zone.',
  downtime: 'None, but no failover until it is enabled again.',
  destructive: true,
  params,
  database: 'dedicated',
  needsApproval: false,
  dialog: { offered: (f) => !!f.multiAz, body: () => ({ applyImmediately: true }) },
  wave: {},
  costChange: (f) => describeMonthlyChange(multiAzChange(f.prices, f.dbClass, f.storageGb, false)),
});
