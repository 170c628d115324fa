import { z } from 'zod';
import { dedicatedInstanceCost } from '@/lib/finance/operation-cost';
import { confirmSlug, entry, rdsClass, storageGb } from './entry';

const SHARE_GOES = 'its share of the shared instance goes away';

export const moveToDedicated = entry({
  label: 'Move to a dedicated instance',
  change:
    'Creates a dedicated RDS instance from the tier\u2019s template (the class asked, or the tier\u2019s floor), makes the chain\u2019s login and database in it, stops the app, copies the database (pg_dump | pg_restore), points the chain\u2019s login secret and parameters at the new instance, starts the app, then drops the chain\u2019s database and login from the shared instance.',
  downtime: 'The app is stopped while the database is copied: minutes, growing with its size.',
  destructive: true,
  params: z
    .object({
      instanceClass: rdsClass('db.t4g.medium').optional(),
      storageGb: storageGb('storageGb').default(100),
      confirm: confirmSlug,
    })
    .strict(),
  database: 'shared',
  needsApproval: false,
  dialog: {
    fields: [
      {
        name: 'instanceClass',
        kind: 'text',
        label: () => "Class (empty: the tier's floor)",
        placeholder: 'db.t4g.medium',
      },
      { name: 'storageGb', kind: 'number', label: () => 'Storage (GiB)' },
    ],
    defaults: () => ({ instanceClass: '', storageGb: '100' }),
    body: (form, confirm) => ({
      ...(form.instanceClass ? { instanceClass: form.instanceClass } : {}),
      storageGb: Number(form.storageGb),
      confirm,
    }),
  },
  costChange: (f, form) => {
    if (!form.instanceClass) {
      return `a dedicated instance at the tier\u2019s floor class (name the class to see its catalog price); ${SHARE_GOES}`;
    }
    const monthly = dedicatedInstanceCost(f.prices, form.instanceClass, Number(form.storageGb || 100));
    return monthly === undefined
      ? `a dedicated instance of the class asked (the catalog has no price for it); ${SHARE_GOES}`
      : `+${monthly.toFixed(2)} USD a month for the dedicated instance (catalog prices); ${SHARE_GOES}`;
  },
});
