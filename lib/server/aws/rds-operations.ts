import 'server-only';
import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  ListTagsForResourceCommand,
  CreateDBSnapshotCommand,
  DeleteDBInstanceCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import type { AwsClients } from './clients';
import { CHAIN_TAG, chainTags, TAG } from './tags';
import { toState } from './rds';
import type { DbInstanceState } from './rds';

// The changes operations make to one RDS instance, each safe to repeat: a resumed operation may send one
// again (a snapshot of the same id is found, not taken twice; a modification to the same values is a no-op).

export async function describeDbInstance(clients: AwsClients, identifier: string): Promise<DbInstanceState> {
  const out = await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }));
  const state = out.DBInstances?.[0] && toState(out.DBInstances[0]);
  if (!state) throw new Error(`RDS has no instance ${identifier}.`);
  return state;
}

export type Endpoint = { host: string; port: number };

/** Where the instance's engine listens, and its RDS-managed master secret (if it has one). */
export async function describeDbEndpoint(
  clients: AwsClients,
  identifier: string,
): Promise<{ endpoint: Endpoint; masterSecretArn: string | null }> {
  const instance = (await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier })))
    .DBInstances?.[0];
  if (!instance?.Endpoint?.Address) throw new Error(`${identifier} has no endpoint yet`);
  return {
    endpoint: { host: instance.Endpoint.Address, port: instance.Endpoint.Port ?? 5432 },
    masterSecretArn: instance.MasterUserSecret?.SecretArn ?? null,
  };
}

/** Which instance a snapshot was taken of, and its chain tag: restores never cross chains. */
export async function snapshotOwner(
  clients: AwsClients,
  snapshotId: string,
  options: { abortSignal?: AbortSignal } = {},
): Promise<{ instance: string | null; chainTag: string | null } | null> {
  try {
    const s = (await clients.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotId }), options))
      .DBSnapshots?.[0];
    if (!s) return null;
    const tags = s.DBSnapshotArn
      ? ((await clients.rds.send(new ListTagsForResourceCommand({ ResourceName: s.DBSnapshotArn }), options)).TagList ??
        [])
      : [];
    return { instance: s.DBInstanceIdentifier ?? null, chainTag: tags.find((t) => t.Key === CHAIN_TAG)?.Value ?? null };
  } catch (error) {
    if ((error as { name?: string }).name === 'DBSnapshotNotFoundFault') return null;
    throw error;
  }
}

export async function findSnapshot(
  clients: AwsClients,
  snapshotId: string,
): Promise<{ status: string | null; sizeGb: number | null } | null> {
  try {
    const out = await clients.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotId }));
    const s = out.DBSnapshots?.[0];
    return s ? { status: s.Status ?? null, sizeGb: s.AllocatedStorage ?? null } : null;
  } catch (error) {
    if (
      (error as { name?: string }).name === 'DBSnapshotNotFoundFault' ||
      (error as { name?: string }).name === 'DBSnapshotNotFound'
    )
      return null;
    throw error;
  }
}

/** Takes a manual snapshot with the chain's tags, unless one of that id exists already (a resumed run). */
export async function createSnapshot(
  clients: AwsClients,
  identifier: string,
  snapshotId: string,
  chainSlug: string,
): Promise<'created' | 'existed'> {
  if (await findSnapshot(clients, snapshotId)) return 'existed';
  await clients.rds.send(
    new CreateDBSnapshotCommand({
      DBInstanceIdentifier: identifier,
      DBSnapshotIdentifier: snapshotId,
      Tags: chainTags(chainSlug),
    }),
  );
  return 'created';
}

export type NewDbInstance = {
  identifier: string;
  instanceClass: string;
  storageGb: number;
  multiAz: boolean;
  backupRetentionDays: number;
  deletionProtection: boolean;
};

/** Creates an encrypted PostgreSQL instance whose master password RDS keeps in Secrets Manager; an existing one counts as done. */
export async function createDbInstance(
  clients: AwsClients,
  spec: NewDbInstance,
  tags: { Key: string; Value: string }[],
): Promise<'created' | 'existed'> {
  if (await dbInstanceExists(clients, spec.identifier)) return 'existed';
  await clients.rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: spec.identifier,
      DBInstanceClass: spec.instanceClass,
      Engine: 'postgres',
      AllocatedStorage: spec.storageGb,
      MasterUsername: 'fleetpane_admin',
      // RDS keeps the password in Secrets Manager: it never passes through us.
      ManageMasterUserPassword: true,
      MultiAZ: spec.multiAz,
      BackupRetentionPeriod: spec.backupRetentionDays,
      StorageEncrypted: true,
      DeletionProtection: spec.deletionProtection,
      Tags: tags,
    }),
  );
  return 'created';
}

/** What createDbInstance made, in a step's words. */
export function describeNewDbInstance(spec: Omit<NewDbInstance, 'identifier'>): string {
  const days = spec.backupRetentionDays === 1 ? '1 day' : `${spec.backupRetentionDays} days`;
  return `${spec.instanceClass}, ${spec.storageGb} GiB, ${spec.multiAz ? 'Multi-AZ' : 'one zone'}, backups kept ${days}, encrypted`;
}

/** Undoes a createDbInstance: deletion protection off, then deleted (no final snapshot: it was just made). */
export async function removeNewDbInstance(clients: AwsClients, identifier: string): Promise<string> {
  if (!(await dbInstanceExists(clients, identifier))) return 'already gone';
  await modifyDbInstance(clients, identifier, { deletionProtection: false, applyImmediately: true });
  return `deleted ${identifier}: ${await deleteDbInstance(clients, identifier)}`;
}

export async function modifyDbInstance(
  clients: AwsClients,
  identifier: string,
  change: {
    instanceClass?: string;
    multiAz?: boolean;
    allocatedStorageGb?: number;
    deletionProtection?: boolean;
    applyImmediately: boolean;
  },
): Promise<void> {
  await clients.rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: identifier,
      DBInstanceClass: change.instanceClass,
      MultiAZ: change.multiAz,
      AllocatedStorage: change.allocatedStorageGb,
      DeletionProtection: change.deletionProtection,
      ApplyImmediately: change.applyImmediately,
    }),
  );
}

const isNotFound = (error: unknown) =>
  ['DBInstanceNotFoundFault', 'DBInstanceNotFound'].includes((error as { name?: string }).name ?? '');

/** Whether the instance still exists (deleting counts as existing). */
export async function dbInstanceExists(clients: AwsClients, identifier: string): Promise<boolean> {
  try {
    await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Deletes the instance (its final snapshot was taken by the operation); already gone counts as done. */
export async function deleteDbInstance(clients: AwsClients, identifier: string): Promise<'deleting' | 'gone'> {
  try {
    await clients.rds.send(
      new DeleteDBInstanceCommand({
        DBInstanceIdentifier: identifier,
        SkipFinalSnapshot: true,
        DeleteAutomatedBackups: false,
      }),
    );
    return 'deleting';
  } catch (error) {
    if (isNotFound(error)) return 'gone';
    throw error;
  }
}

export async function rebootDbInstance(clients: AwsClients, identifier: string, forceFailover: boolean): Promise<void> {
  await clients.rds.send(
    new RebootDBInstanceCommand({ DBInstanceIdentifier: identifier, ForceFailover: forceFailover || undefined }),
  );
}

/** Restores a snapshot or a point in time to a new instance with the chain's tags; an existing target counts as done. */
export async function restoreToNewInstance(
  clients: AwsClients,
  source: { identifier: string; instanceClass: string | null; multiAz: boolean | null },
  target: string,
  from: { snapshotId?: string; pointInTime?: string },
  chainSlug: string,
): Promise<'restoring' | 'existed'> {
  if (await dbInstanceExists(clients, target)) return 'existed';
  const common = {
    DBInstanceClass: source.instanceClass ?? undefined,
    MultiAZ: source.multiAz ?? undefined,
    Tags: [
      ...chainTags(chainSlug),
      { Key: TAG.restoredFrom, Value: from.snapshotId ?? `${source.identifier}@${from.pointInTime}` },
    ],
  };
  if (from.snapshotId) {
    await clients.rds.send(
      new RestoreDBInstanceFromDBSnapshotCommand({
        ...common,
        DBInstanceIdentifier: target,
        DBSnapshotIdentifier: from.snapshotId,
      }),
    );
  } else {
    await clients.rds.send(
      new RestoreDBInstanceToPointInTimeCommand({
        ...common,
        SourceDBInstanceIdentifier: source.identifier,
        TargetDBInstanceIdentifier: target,
        RestoreTime: new Date(from.pointInTime!),
      }),
    );
  }
  return 'restoring';
}

export async function tagDbInstance(
  clients: AwsClients,
  identifier: string,
  tags: Record<string, string>,
): Promise<void> {
  const arn = (await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier })))
    .DBInstances?.[0]?.DBInstanceArn;
  if (!arn) throw new Error(`RDS has no instance ${identifier}.`);
  await clients.rds.send(
    new AddTagsToResourceCommand({
      ResourceName: arn,
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}
