import { z } from 'zod';
import { appTypeChange, describeMonthlyChange } from '@/lib/finance/operation-cost';
import { entry } from './entry';

export const scaleApp = entry({
  label: 'Scale the app instance',
  change: 'Stops the app instance, changes its type, starts it and waits until it runs.',
  downtime: 'The app is down while it stops and starts (a few minutes).',
  destructive: true,
  params: z
    .object({
      instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'instanceType is an EC2 type such as m6i.large'),
    })
    .strict(),
  database: 'any',
  needsApproval: false,
  dialog: {
    fields: [{ name: 'instanceType', kind: 'text', label: () => 'New instance type' }],
    defaults: (f) => ({ instanceType: f.appType ?? '' }),
    body: (form) => ({ instanceType: form.instanceType ?? '' }),
  },
  wave: { field: { label: 'New instance type', body: (value) => ({ instanceType: value }) } },
  costChange: (f, form) => describeMonthlyChange(appTypeChange(f.prices, f.appType, form.instanceType)),
});
