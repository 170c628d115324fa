import { z } from 'zod';
import { entry } from './entry';

export const restore = entry({
  label: 'Restore to a new instance',
  change:
    'Restores a snapshot (or a point in time) to a new database instance beside the current one, tagged with the chain. The chain keeps using its current database until you cut over.',
  downtime: 'None until the cut-over.',
  destructive: false,
  params: z
    .object({
      snapshotId: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9-:]{0,254}$/, 'snapshotId is an RDS snapshot identifier')
        .optional(),
      pointInTime: z.iso.datetime({ error: 'pointInTime is an ISO 8601 time, e.g. 2026-11-23T10:00:00Z' }).optional(),
    })
    .strict()
    .refine((p) => !!p.snapshotId !== !!p.pointInTime, 'give either snapshotId or pointInTime'),
  database: 'dedicated',
  needsApproval: false,
  dialog: {
    fields: [{ name: 'snapshotId', kind: 'select', label: () => 'Snapshot', options: (f) => f.snapshots }],
    defaults: (f) => ({ snapshotId: f.snapshots[0] ?? '' }),
    body: (form) => ({ snapshotId: form.snapshotId }),
  },
  costChange: () => 'a second instance like this one runs until the old one is retired',
});
