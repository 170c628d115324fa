import 'server-only';
import type { FleetQuery } from '@/lib/fleet-query';
import type { Prisma } from '@/lib/generated/prisma/client';
import { sharedCache } from '@/lib/server/db/shared-cache';
import { db } from '@/lib/server/db/client';
import { countOpenFindings } from '@/lib/server/sla/find-conformance';
import { findMonthAvailability } from '@/lib/server/sla/month-availability';
import { fleetChainSelect, staleBefore, toFleetChain } from './fleet-chain-row';
import type { FleetPage, FleetTiles } from '@/lib/fleet/dto';
import { findLastCollectorRun } from './find-last-collector-run';

// A backup older than this needs someone's attention whatever the tier (tiers refine it in conformance).
const BACKUP_ATTENTION_MS = 48 * 3_600_000;

function whereFor(query: FleetQuery, now: Date): Prisma.ChainWhereInput {
  const and: Prisma.ChainWhereInput[] = [{ decommissionedAt: null }];
  if (query.q)
    and.push({
      OR: [{ name: { contains: query.q, mode: 'insensitive' } }, { slug: { contains: query.q.toLowerCase() } }],
    });
  if (query.tier) and.push({ tier: { key: query.tier } });
  if (query.region) and.push({ region: query.region });
  if (query.health) and.push({ deployment: { health: query.health } });
  if (query.db) and.push({ deployment: { databaseKind: query.db } });
  if (query.attention) {
    and.push({
      OR: [
        { deployment: null },
        { findings: { some: { direction: 'under' } } },
        { deployment: { health: { not: 'healthy' } } },
        { deployment: { staleReason: { not: null } } },
        { deployment: { OR: [{ refreshedAt: null }, { refreshedAt: { lt: staleBefore(now) } }] } },
        {
          deployment: {
            OR: [
              { latestSnapshotAt: null },
              { latestSnapshotAt: { lt: new Date(now.getTime() - BACKUP_ATTENTION_MS) } },
            ],
          },
        },
      ],
    });
  }
  return { AND: and };
}

function orderFor(query: FleetQuery): Prisma.ChainOrderByWithRelationInput[] {
  const dir = query.dir;
  const nulls = { sort: dir, nulls: 'last' } as const;
  const by: Record<FleetQuery['sort'], Prisma.ChainOrderByWithRelationInput> = {
    name: { name: dir },
    tier: { tier: { availabilityTarget: dir } },
    region: { region: dir },
    health: { deployment: { health: dir } },
    refreshed: { deployment: { refreshedAt: nulls } },
    backup: { deployment: { latestSnapshotAt: nulls } },
  };
  return [by[query.sort], { name: 'asc' }];
}

type FleetFacts = Pick<FleetPage, 'tiles' | 'regions' | 'tiers' | 'lastRun'>;

// What every viewer reads alike, shared for a few seconds (every signed-in role sees the whole fleet; a view
// scoped per user must add the scope to the key): the fleet-wide facts (tiles, filter options, last pass) and
// the pages of the fleet view. The data changes when the collector writes (every minute), so more viewers
// should not mean more database work. Writers of the fleet's data announce the 'fleet' topic to drop it.
const fleetCache = sharedCache('fleet', { ttlMs: 5_000, limit: 200 });

async function loadFleetFacts(): Promise<FleetFacts> {
  const [healthCounts, regions, tiers, operationsRunning, lastRun, findings] = await Promise.all([
    db.deployment.groupBy({ by: ['health'], where: { chain: { decommissionedAt: null } }, _count: { _all: true } }),
    db.chain.findMany({
      where: { decommissionedAt: null },
      distinct: ['region'],
      select: { region: true },
      orderBy: { region: 'asc' },
    }),
    db.slaTier.findMany({ select: { key: true, name: true }, orderBy: { availabilityTarget: 'asc' } }),
    db.operation.count({ where: { status: { in: ['queued', 'running'] } } }),
    findLastCollectorRun(),
    countOpenFindings(),
  ]);
  const tiles: FleetTiles = { healthy: 0, degraded: 0, down: 0, unknown: 0, findings, operationsRunning };
  for (const h of healthCounts) tiles[h.health] = h._count._all;
  return { tiles, regions: regions.map((r) => r.region), tiers, lastRun };
}

function fleetFacts(): Promise<FleetFacts> {
  return fleetCache('facts', loadFleetFacts);
}

/** findFleetPage, shared between viewers of the same view for a few seconds. */
export function findFleetPageShared(query: FleetQuery): Promise<FleetPage> {
  return fleetCache(`page:${JSON.stringify(query)}`, () => findFleetPage(query));
}

/**
 * One page of the fleet view: the rows that match, the total, the health tiles over the whole fleet and
 * the filter options. A constant number of queries whatever the fleet size.
 */
export async function findFleetPage(query: FleetQuery, now = new Date()): Promise<FleetPage> {
  const where = whereFor(query, now);
  const [rows, total, facts] = await Promise.all([
    db.chain.findMany({
      where,
      select: fleetChainSelect,
      orderBy: orderFor(query),
      skip: (query.page - 1) * query.size,
      take: query.size,
    }),
    db.chain.count({ where }),
    fleetFacts(),
  ]);
  const availability = await findMonthAvailability(
    rows.map((r) => r.id),
    now,
  );
  return {
    chains: rows.map((r) => toFleetChain(r, availability.get(r.id))),
    total,
    page: query.page,
    size: query.size,
    ...facts,
  };
}
