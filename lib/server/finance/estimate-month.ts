import 'server-only';
import type { Buckets } from '@/lib/finance/cost-math';
import { estimateCost } from '@/lib/finance/estimate-cost';
import type { Catalog, EstimateInput } from '@/lib/finance/estimate-cost';
import { divideHalfAwayFromZero } from '@/lib/round';

// A chain's month priced from the price catalog, where Cost Explorer has nothing for it: from the deployment
// as last read. What it lacks (a deployment never read, a class the catalog has no price for) is said, never
// priced 0, so a first start or a new instance class does not show a margin near 100 %.

const MICROS_PER_CENT = 10_000n;
export const roundToCents = (micros: bigint) => divideHalfAwayFromZero(micros, MICROS_PER_CENT);

/** What Cost Explorer service names count as. */
export function bucketOf(service: string): keyof Buckets {
  if (service.startsWith('Amazon Elastic Compute Cloud')) return 'compute';
  if (service.startsWith('Amazon Relational Database Service')) return 'database';
  return 'other';
}

export type EstimatedDeployment = {
  appInstanceId: string | null;
  appInstanceType: string | null;
  dbClass: string | null;
  multiAz: boolean | null;
  allocatedStorageGb: number | null;
  recentSnapshots: unknown;
};

type MonthEstimate = { cents: Buckets; sharedShare: bigint; incomplete: string | null };

export function estimateMonth(args: {
  region: string;
  createdAt: Date;
  month: Date;
  monthEnd: Date;
  deployment: EstimatedDeployment | null;
  /** On a shared instance: how many chains share it. */
  shared: { chains: number } | null;
  catalog: Catalog;
}): MonthEstimate {
  const { month: m, monthEnd, deployment: d, shared } = args;
  const start = args.createdAt > m ? args.createdAt : m;
  const monthHours = (monthEnd.getTime() - m.getTime()) / 3_600_000;
  const database = {
    instanceClass: d?.dbClass ?? null,
    multiAz: !!d?.multiAz,
    storageGb: d?.allocatedStorageGb ?? 0,
  };
  const input: EstimateInput = {
    region: args.region,
    // The current month is estimated whole (a run-rate), like the revenue it is held against.
    hours: Math.max(0, (monthEnd.getTime() - start.getTime()) / 3_600_000),
    appInstanceType: d?.appInstanceType ?? null,
    database: shared
      ? { kind: 'shared', ...database, chainsOnInstance: shared.chains }
      : { kind: 'dedicated', ...database },
    backupGb: manualSnapshotGb(d?.recentSnapshots),
  };
  const micros: Buckets = { compute: 0n, database: 0n, other: 0n };
  let sharedShare = 0n;
  const missing: string[] = [];
  for (const line of estimateCost(input, args.catalog, monthHours)) {
    if (line.missingPrice) missing.push(line.missingPrice);
    micros[bucketOf(line.service)] += line.micros;
    if (shared && line.service === 'Amazon Relational Database Service') sharedShare += line.micros;
  }
  const unread = [
    !d?.appInstanceType && d?.appInstanceId !== null ? 'the app instance' : null,
    !d?.dbClass ? 'the database' : null,
  ].filter((what) => what !== null);
  const incomplete = [
    unread.length ? `${unread.join(' and ')} not read yet` : null,
    missing.length ? `no catalog price for ${missing.join(', ')}` : null,
  ].filter((why) => why !== null);
  return {
    cents: {
      compute: roundToCents(micros.compute),
      database: roundToCents(micros.database),
      other: roundToCents(micros.other),
    },
    sharedShare: roundToCents(sharedShare),
    incomplete: incomplete.length ? incomplete.join('; ') : null,
  };
}

function manualSnapshotGb(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  return value.reduce(
    (gb: number, s: { type?: unknown; sizeGb?: unknown }) =>
      gb + (s.type === 'manual' && typeof s.sizeGb === 'number' ? s.sizeGb : 0),
    0,
  );
}
