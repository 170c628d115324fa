import 'server-only';
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import type { DBInstance } from '@aws-sdk/client-rds';
import type { AwsClients } from './clients';

export type DbInstanceState = {
  identifier: string;
  instanceClass: string | null;
  engine: string | null;
  engineVersion: string | null;
  status: string | null;
  multiAz: boolean | null;
  allocatedStorageGb: number | null;
  backupRetentionDays: number | null;
  storageEncrypted: boolean | null;
  deletionProtection: boolean | null;
  endpoint: string | null;
  tags: Record<string, string>;
};

export function toState(db: DBInstance): DbInstanceState | null {
  if (!db.DBInstanceIdentifier) return null;
  return {
    identifier: db.DBInstanceIdentifier,
    instanceClass: db.DBInstanceClass ?? null,
    engine: db.Engine ?? null,
    engineVersion: db.EngineVersion ?? null,
    status: db.DBInstanceStatus ?? null,
    multiAz: db.MultiAZ ?? null,
    allocatedStorageGb: db.AllocatedStorage ?? null,
    backupRetentionDays: db.BackupRetentionPeriod ?? null,
    storageEncrypted: db.StorageEncrypted ?? null,
    deletionProtection: db.DeletionProtection ?? null,
    endpoint: db.Endpoint?.Address ? `${db.Endpoint.Address}:${db.Endpoint.Port ?? 5432}` : null,
    tags: Object.fromEntries((db.TagList ?? []).filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? ''])),
  };
}

/** Every RDS instance of one account and region, 100 a page. */
export async function describeDbInstances(
  clients: AwsClients,
): Promise<{ instances: DbInstanceState[]; calls: number }> {
  const instances: DbInstanceState[] = [];
  let marker: string | undefined;
  let calls = 0;
  do {
    const page = await clients.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 100, Marker: marker }));
    calls += 1;
    for (const db of page.DBInstances ?? []) {
      const state = toState(db);
      if (state) instances.push(state);
    }
    marker = page.Marker;
  } while (marker);
  return { instances, calls };
}

export type SnapshotInfo = {
  id: string;
  type: 'automated' | 'manual';
  createdAt: string;
  sizeGb: number | null;
  status: string | null;
};

const KEEP_PER_INSTANCE = 5;

/** The newest snapshots (automated and manual) of every instance of one account and region, newest first. */
export async function describeRecentSnapshots(
  clients: AwsClients,
): Promise<{ snapshots: Map<string, SnapshotInfo[]>; calls: number }> {
  const all = new Map<string, SnapshotInfo[]>();
  let marker: string | undefined;
  let calls = 0;
  do {
    const page = await clients.rds.send(new DescribeDBSnapshotsCommand({ MaxRecords: 100, Marker: marker }));
    calls += 1;
    for (const snap of page.DBSnapshots ?? []) {
      if (!snap.DBInstanceIdentifier || !snap.SnapshotCreateTime || !snap.DBSnapshotIdentifier) continue;
      const list = all.get(snap.DBInstanceIdentifier) ?? [];
      list.push({
        id: snap.DBSnapshotIdentifier,
        type: snap.SnapshotType === 'automated' ? 'automated' : 'manual',
        createdAt: snap.SnapshotCreateTime.toISOString(),
        sizeGb: snap.AllocatedStorage ?? null,
        status: snap.Status ?? null,
      });
      all.set(snap.DBInstanceIdentifier, list);
    }
    marker = page.Marker;
  } while (marker);
  for (const [id, list] of all) {
    all.set(id, list.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, KEEP_PER_INSTANCE));
  }
  return { snapshots: all, calls };
}

/**
 * The newest backup a restore could use. With a retention of 0, AWS turns automated backups off and
 * deletes the automated snapshots, so only manual ones count (the emulator keeps them: ignore them).
 */
export function latestBackup(snapshots: SnapshotInfo[] | undefined, retentionDays: number | null): Date | null {
  const usable = (snapshots ?? []).filter((s) => s.status === 'available' && (s.type === 'manual' || !!retentionDays));
  return usable.length
    ? new Date(
        usable
          .map((s) => s.createdAt)
          .sort()
          .at(-1)!,
      )
    : null;
}
