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

function toState(db: DBInstance): DbInstanceState | null {
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
export async function describeDbInstances(clients: AwsClients): Promise<{ instances: DbInstanceState[]; calls: number }> {
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

export type LatestSnapshots = { automated?: Date; manual?: Date };

/** The newest available automated and manual snapshot per instance of one account and region. */
export async function describeLatestSnapshots(
  clients: AwsClients,
): Promise<{ latest: Map<string, LatestSnapshots>; calls: number }> {
  const latest = new Map<string, LatestSnapshots>();
  let marker: string | undefined;
  let calls = 0;
  do {
    const page = await clients.rds.send(new DescribeDBSnapshotsCommand({ MaxRecords: 100, Marker: marker }));
    calls += 1;
    for (const snap of page.DBSnapshots ?? []) {
      if (!snap.DBInstanceIdentifier || !snap.SnapshotCreateTime || snap.Status !== 'available') continue;
      const kind = snap.SnapshotType === 'automated' ? 'automated' : 'manual';
      const seen = latest.get(snap.DBInstanceIdentifier) ?? {};
      const previous = seen[kind];
      if (!previous || snap.SnapshotCreateTime > previous) latest.set(snap.DBInstanceIdentifier, { ...seen, [kind]: snap.SnapshotCreateTime });
    }
    marker = page.Marker;
  } while (marker);
  return { latest, calls };
}

/**
 * The newest backup a restore could use. With a retention of 0, AWS turns automated backups off and
 * deletes the automated snapshots, so only manual ones count (the emulator keeps them: ignore them).
 */
export function latestBackup(snapshots: LatestSnapshots | undefined, retentionDays: number | null): Date | null {
  const candidates = [snapshots?.manual, retentionDays ? snapshots?.automated : undefined].filter((d): d is Date => !!d);
  return candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : null;
}
