// The operations an ops engineer can run on one chain, their parameters and what each one means for the
// chain: one definition for the dialog, the API's validation and the runner.
import { z } from 'zod';

export const operationTypes = [
  'backup',
  'scale-database',
  'scale-app',
  'grow-storage',
  'enable-multi-az',
  'disable-multi-az',
  'reboot',
  'restore',
  'cut-over',
  'retire-instance',
  'move-to-dedicated',
  'decommission',
] as const;
export type OperationType = (typeof operationTypes)[number];

const applyImmediately = z.boolean({ error: 'applyImmediately is true or false' }).default(true);

export const operationParamsSchemas = {
  backup: z.object({}).strict(),
  'scale-database': z
    .object({
      instanceClass: z
        .string()
        .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, 'instanceClass is an RDS class such as db.m6g.large'),
      applyImmediately,
    })
    .strict(),
  'scale-app': z
    .object({
      instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'instanceType is an EC2 type such as m6i.large'),
    })
    .strict(),
  'grow-storage': z
    .object({
      allocatedStorageGb: z
        .number({ error: 'allocatedStorageGb is a number of GiB' })
        .int('whole GiB')
        .min(20)
        .max(65_536),
      applyImmediately,
    })
    .strict(),
  'enable-multi-az': z.object({ applyImmediately }).strict(),
  'disable-multi-az': z.object({ applyImmediately }).strict(),
  reboot: z.object({ forceFailover: z.boolean().default(false) }).strict(),
  restore: z
    .object({
      snapshotId: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9-:]{0,254}$/, 'snapshotId is an RDS snapshot identifier')
        .optional(),
      pointInTime: z.iso.datetime({ error: 'pointInTime is an ISO 8601 time, e.g. 2026-11-23T10:00:00Z' }).optional(),
    })
    .strict()
    .refine((p) => !!p.snapshotId !== !!p.pointInTime, 'give either snapshotId or pointInTime'),
  'cut-over': z
    .object({ restoreOperationId: z.uuid('restoreOperationId is the id of a finished restore of this chain') })
    .strict(),
  'retire-instance': z
    .object({
      instance: z
        .string({ error: 'instance is the identifier of an instance the chain was cut over from' })
        .regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'instance is an RDS instance identifier'),
      confirm: z.string({ error: 'confirm is the chain\u2019s slug' }),
    })
    .strict(),
  'move-to-dedicated': z
    .object({
      instanceClass: z
        .string()
        .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, 'instanceClass is an RDS class such as db.t4g.medium')
        .optional(),
      storageGb: z.number({ error: 'storageGb is a number of GiB' }).int('whole GiB').min(20).max(65_536).default(100),
      confirm: z.string({ error: 'confirm is the chain\u2019s slug' }),
    })
    .strict(),
  // The chain's slug again: a pipeline cannot retire a chain by a typo in the path.
  decommission: z.object({ confirm: z.string({ error: 'confirm is the chain\u2019s slug' }) }).strict(),
} satisfies Record<OperationType, z.ZodType>;

export type OperationParams<T extends OperationType> = z.infer<(typeof operationParamsSchemas)[T]>;

export const operationRequestSchema = z.object({
  type: z.enum(operationTypes, { error: `type is one of ${operationTypes.join(', ')}` }),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const operationLabels: Record<OperationType, string> = {
  backup: 'Back up now',
  'scale-database': 'Scale the database',
  'scale-app': 'Scale the app instance',
  'grow-storage': 'Grow storage',
  'enable-multi-az': 'Enable Multi-AZ',
  'disable-multi-az': 'Disable Multi-AZ',
  reboot: 'Reboot the database',
  restore: 'Restore to a new instance',
  'cut-over': 'Cut over to the restored instance',
  'retire-instance': 'Retire a replaced instance',
  'move-to-dedicated': 'Move to a dedicated instance',
  decommission: 'Decommission the chain',
};

/** What the dialog tells the engineer before they confirm. */
export const operationEffects: Record<OperationType, { change: string; downtime: string; destructive: boolean }> = {
  backup: {
    change: 'Takes a manual RDS snapshot of the chain\u2019s database, tagged with the chain.',
    downtime: 'None.',
    destructive: false,
  },
  'scale-database': {
    change: 'Changes the database\u2019s instance class.',
    downtime: 'A few minutes while the instance restarts (less with Multi-AZ: a failover).',
    destructive: false,
  },
  'scale-app': {
    change: 'Stops the app instance, changes its type, starts it and waits until it runs.',
    downtime: 'The app is down while it stops and starts (a few minutes).',
    destructive: true,
  },
  'grow-storage': {
    change: 'Grows the database\u2019s allocated storage (it can never shrink again).',
    downtime: 'None; performance may dip while storage optimizes.',
    destructive: false,
  },
  'enable-multi-az': {
    change: 'Adds a standby in a second availability zone.',
    downtime: 'None; I/O may pause briefly while the standby is created.',
    destructive: false,
  },
  'disable-multi-az': {
    change: 'Removes the standby: the database runs in one availability zone.',
    downtime: 'None, but no failover until it is enabled again.',
    destructive: true,
  },
  reboot: {
    change: 'Reboots the database instance (with a failover when Multi-AZ and asked).',
    downtime: 'About a minute (less with a failover).',
    destructive: true,
  },
  restore: {
    change:
      'Restores a snapshot (or a point in time) to a new database instance beside the current one, tagged with the chain. The chain keeps using its current database until you cut over.',
    downtime: 'None until the cut-over.',
    destructive: false,
  },
  'cut-over': {
    change:
      'Points the chain at the restored instance. The old instance is kept (tagged as replaced) until it is retired.',
    downtime:
      'The app reconnects to the new endpoint: a short interruption; writes made to the old instance since the restore point are not in the new one.',
    destructive: true,
  },
  'retire-instance': {
    change:
      'Takes a final snapshot of an instance the chain was cut over from, then deletes that instance. The chain\u2019s current database is not touched.',
    downtime: 'None: the chain no longer uses it. The final snapshot is kept.',
    destructive: true,
  },
  'move-to-dedicated': {
    change:
      'Creates a dedicated RDS instance from the tier\u2019s template (the class asked, or the tier\u2019s floor), makes the chain\u2019s login and database in it, stops the app, copies the database (pg_dump | pg_restore), points the chain\u2019s login secret and parameters at the new instance, starts the app, then drops the chain\u2019s database and login from the shared instance.',
    downtime: 'The app is stopped while the database is copied: minutes, growing with its size.',
    destructive: true,
  },
  decommission: {
    change:
      'Takes a final snapshot, then deletes the database instance (on a shared instance: drops the chain\u2019s own database and login, the neighbours untouched; the final snapshot is of the whole shared instance), deletes its configuration, terminates the app instance, and retires the chain. Runs only once a second person (ops or admin) approves.',
    downtime: 'Permanent: the chain stops serving. The final snapshot is kept.',
    destructive: true,
  },
};

/** A new dedicated instance's class when neither the request nor the tier names one. */
export const dedicatedClassFor = (asked: string | undefined, tierFloor: string | null | undefined) =>
  asked ?? tierFloor ?? 'db.t4g.medium';

/** Run only after a second person approves. */
export const needsApproval: ReadonlySet<OperationType> = new Set(['decommission']);

/** Operations on the database of a chain that shares its instance with others would touch other chains (a backup snapshots the whole instance). */
export const needsDedicatedDatabase: ReadonlySet<OperationType> = new Set([
  'backup',
  'scale-database',
  'grow-storage',
  'enable-multi-az',
  'disable-multi-az',
  'reboot',
  'restore',
  'cut-over',
  'retire-instance',
]);

export const operationStatuses = ['queued', 'running', 'succeeded', 'failed', 'rolled_back'] as const;
