import 'server-only';
import {
  DeleteDBInstanceCommand,
  DescribeDBSnapshotsCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
} from '@aws-sdk/client-rds';
import type { AwsClients } from './clients';
import { latestBackup } from './rds';
import type { SnapshotInfo } from './rds';
import { dbInstanceExists, describeDbInstance, modifyDbInstance } from './rds-operations';
import { chainTags, TAG } from './tags';

// What a restore drill asks of RDS: the newest snapshot a restore could use (the collector's rule), and a
// temporary instance restored from it, marked as a drill's so that nothing mistakes it for a chain's database.

export type UsableSnapshot = { id: string; createdAt: string };

/** The newest snapshot of the instance a restore could use now, or null (none, or only deleted automated ones). */
export async function newestUsableSnapshot(clients: AwsClients, instance: string): Promise<UsableSnapshot | null> {
  const { backupRetentionDays } = await describeDbInstance(clients, instance);
  const snapshots: SnapshotInfo[] = [];
  let marker: string | undefined;
  do {
    const page = await clients.rds.send(
      new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: instance, MaxRecords: 100, Marker: marker }),
    );
    for (const s of page.DBSnapshots ?? []) {
      if (!s.DBSnapshotIdentifier || !s.SnapshotCreateTime) continue;
      snapshots.push({
        id: s.DBSnapshotIdentifier,
        type: s.SnapshotType === 'automated' ? 'automated' : 'manual',
        createdAt: s.SnapshotCreateTime.toISOString(),
        sizeGb: s.AllocatedStorage ?? null,
        status: s.Status ?? null,
      });
    }
    marker = page.Marker;
  } while (marker);
  const newest = latestBackup(snapshots, backupRetentionDays)?.toISOString();
  const found = newest ? snapshots.find((s) => s.createdAt === newest && s.status === 'available') : undefined;
  return found ? { id: found.id, createdAt: found.createdAt } : null;
}

/** Restores the snapshot to the drill's instance: one zone, no deletion protection, tagged as a drill's. */
export async function restoreDrillInstance(
  clients: AwsClients,
  from: { snapshotId: string; instanceClass: string | null },
  target: string,
  chainSlug: string,
): Promise<'restoring' | 'existed'> {
  if (await dbInstanceExists(clients, target)) return 'existed';
  await clients.rds.send(
    new RestoreDBInstanceFromDBSnapshotCommand({
      DBInstanceIdentifier: target,
      DBSnapshotIdentifier: from.snapshotId,
      DBInstanceClass: from.instanceClass ?? undefined,
      MultiAZ: false,
      PubliclyAccessible: false,
      DeletionProtection: false,
      Tags: [
        ...chainTags(chainSlug),
        { Key: TAG.drill, Value: 'true' },
        { Key: TAG.restoredFrom, Value: from.snapshotId },
      ],
    }),
  );
  return 'restoring';
}

/**
 * Deletes a drill's instance with its automated backups (the instance was a copy: nothing of it is kept, no
 * final snapshot, no retained backups to bill); already gone counts as done.
 */
export async function deleteDrillInstance(clients: AwsClients, target: string): Promise<string> {
  if (!(await dbInstanceExists(clients, target))) return `${target} already gone`;
  await modifyDbInstance(clients, target, { deletionProtection: false, applyImmediately: true });
  try {
    await clients.rds.send(
      new DeleteDBInstanceCommand({
        DBInstanceIdentifier: target,
        SkipFinalSnapshot: true,
        DeleteAutomatedBackups: true,
      }),
    );
  } catch (error) {
    if (!(await dbInstanceExists(clients, target))) return `${target} already gone`;
    throw error;
  }
  return `deleting ${target}`;
}
