import 'server-only';
import { config } from '@/lib/config';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Availability } from '@/lib/server/sla/month-availability';
import type { FleetChain } from '@/lib/fleet/dto';

// One select for the fleet list, the chain page and the API, so they all say the same thing.
export const fleetChainSelect = {
  id: true,
  slug: true,
  name: true,
  region: true,
  residency: true,
  awsAccountId: true,
  roleArn: true,
  tier: { select: { key: true, name: true, availabilityTarget: true } },
  deployment: {
    select: {
      databaseKind: true,
      dbInstanceIdentifier: true,
      dbClass: true,
      dbEngine: true,
      dbStatus: true,
      multiAz: true,
      allocatedStorageGb: true,
      freeStorageBytes: true,
      latestSnapshotAt: true,
      cpuSpark: true,
      appInstanceId: true,
      appInstanceType: true,
      appState: true,
      health: true,
      refreshedAt: true,
      staleReason: true,
    },
  },
  findings: { select: { direction: true } },
  alerts: { where: { status: 'firing' }, select: { severity: true } },
} satisfies Prisma.ChainSelect;

export type FleetChainRow = Prisma.ChainGetPayload<{ select: typeof fleetChainSelect }>;

/** Data older than three collector intervals is stale even when no error was recorded. */
export function staleBefore(now = new Date()): Date {
  return new Date(now.getTime() - 3 * config().collectIntervalSeconds * 1000);
}

function isStale(refreshedAt: Date | null, staleReason: string | null, now = new Date()): boolean {
  return !refreshedAt || !!staleReason || refreshedAt < staleBefore(now);
}

function storageUsedPct(allocatedGb: number | null, freeBytes: bigint | null): number | null {
  if (!allocatedGb || freeBytes === null) return null;
  const used = 1 - Number(freeBytes) / (allocatedGb * 1024 ** 3);
  return Math.round(Math.min(1, Math.max(0, used)) * 1000) / 10;
}

export function toFleetChain(row: FleetChainRow, availability: Availability | undefined): FleetChain {
  const d = row.deployment;
  return {
    slug: row.slug,
    name: row.name,
    region: row.region,
    residency: row.residency,
    accountId: row.awsAccountId,
    ownAccount: !!row.roleArn,
    tier: { key: row.tier.key, name: row.tier.name, availabilityTarget: row.tier.availabilityTarget.toNumber() / 100 },
    health: d?.health ?? 'unknown',
    availability: availability?.value ?? null,
    availabilityMeasured: availability?.measuredShare ?? 0,
    database: {
      kind: d?.databaseKind ?? 'dedicated',
      identifier: d?.dbInstanceIdentifier ?? '',
      instanceClass: d?.dbClass ?? null,
      engine: d?.dbEngine ?? null,
      status: d?.dbStatus ?? null,
      multiAz: d?.multiAz ?? null,
      allocatedStorageGb: d?.allocatedStorageGb ?? null,
      storageUsedPct: storageUsedPct(d?.allocatedStorageGb ?? null, d?.freeStorageBytes ?? null),
      latestBackupAt: d?.latestSnapshotAt?.toISOString() ?? null,
    },
    app: { instanceId: d?.appInstanceId ?? null, instanceType: d?.appInstanceType ?? null, state: d?.appState ?? null },
    cpuSpark: d?.cpuSpark ?? [],
    findings: {
      under: row.findings.filter((f) => f.direction === 'under').length,
      over: row.findings.filter((f) => f.direction === 'over').length,
    },
    refreshedAt: d?.refreshedAt?.toISOString() ?? null,
    stale: isStale(d?.refreshedAt ?? null, d?.staleReason ?? null),
    staleReason: d?.staleReason ?? null,
    alerts: row.alerts.length
      ? { firing: row.alerts.length, severity: row.alerts.some((a) => a.severity === 'page') ? 'page' : 'ticket' }
      : null,
  };
}
