import { z } from 'zod';
import { confirmSlug, entry } from './entry';

export const retireInstance = entry({
  label: 'Retire a replaced instance',
  change:
    'Takes a final snapshot of an instance the chain was cut over from, then deletes that instance. The chain\u2019s current database is not touched.',
  downtime: 'None: the chain no longer uses it. The final snapshot is kept.',
  destructive: true,
  params: z
    .object({
      instance: z
        .string({ error: 'instance is the identifier of an instance the chain was cut over from' })
        .regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'instance is an RDS instance identifier'),
      confirm: confirmSlug,
    })
    .strict(),
  database: 'dedicated',
  needsApproval: false,
  dialog: {
    offered: (f) => f.kept.length > 0,
    fields: [{ name: 'instance', kind: 'select', label: () => 'Replaced instance', options: (f) => f.kept }],
    defaults: (f) => ({ instance: f.kept[0] ?? '' }),
    body: (form, confirm) => ({ instance: form.instance ?? '', confirm }),
  },
  costChange: () => 'the replaced instance\u2019s whole cost stops; its final snapshot is kept (backup storage)',
});
