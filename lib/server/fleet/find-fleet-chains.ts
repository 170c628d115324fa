import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/server/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { FleetChain } from './fleet-dto';

// One select for the fleet list, the chain page and the API, so they all say the same thing.
export const fleetChainSelect = {
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
      appInstanceId: true,
      appInstanceType: true,
      appState: true,
      health: true,
      refreshedAt: true,
      staleReason: true,
    },
  },
} satisfies Prisma.ChainSelect;

type FleetChainRow = Prisma.ChainGetPayload<{ select: typeof fleetChainSelect }>;

/** Data older than three collector intervals is stale even when no error was recorded. */
export function isStale(refreshedAt: Date | null, staleReason: string | null, now = new Date()): boolean {
  if (!refreshedAt || staleReason) return true;
  return now.getTime() - refreshedAt.getTime() > 3 * config().collectIntervalSeconds * 1000;
}

export function toFleetChain(row: FleetChainRow): FleetChain {
  const d = row.deployment;
  return {
    slug: row.slug,
    name: row.name,
    region: row.region,
    residency: row.residency,
    accountId: row.awsAccountId,
    ownAccount: !!row.roleArn,
    tier: { key: row.tier.key, name: row.tier.name, availabilityTarget: row.tier.availabilityTarget.toNumber() },
    health: d?.health ?? 'unknown',
    database: {
      kind: d?.databaseKind ?? 'dedicated',
      identifier: d?.dbInstanceIdentifier ?? '',
      instanceClass: d?.dbClass ?? null,
      engine: d?.dbEngine ?? null,
      status: d?.dbStatus ?? null,
      multiAz: d?.multiAz ?? null,
    },
    app: { instanceId: d?.appInstanceId ?? null, instanceType: d?.appInstanceType ?? null, state: d?.appState ?? null },
    refreshedAt: d?.refreshedAt?.toISOString() ?? null,
    stale: isStale(d?.refreshedAt ?? null, d?.staleReason ?? null),
    staleReason: d?.staleReason ?? null,
  };
}

/** Every active chain, in one query whatever the fleet size. */
export async function findFleetChains(): Promise<FleetChain[]> {
  const rows = await db.chain.findMany({
    where: { decommissionedAt: null },
    select: fleetChainSelect,
    orderBy: { name: 'asc' },
  });
  return rows.map(toFleetChain);
}
