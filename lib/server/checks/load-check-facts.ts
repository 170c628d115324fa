import 'server-only';
import { db } from '@/lib/server/db/client';
import { findConformance } from '@/lib/server/sla/find-conformance';
import { DRILL_VALID_DAYS } from './check-items';
import type { FlagFact } from './check-items';
import type { DrillFact } from './drill-item';

// Everything the nightly check reads, in a handful of queries whatever the fleet's size (no query per chain).

export const checkChainSelect = {
  id: true,
  slug: true,
  name: true,
  region: true,
  awsAccountId: true,
  roleArn: true,
  tier: { select: { key: true, minBackupRetentionDays: true } },
  accountManager: { select: { id: true, email: true, name: true, active: true } },
  deployment: {
    select: {
      databaseKind: true,
      dbInstanceIdentifier: true,
      databaseName: true,
      appInstanceId: true,
      allocatedStorageGb: true,
      sharedDbInstanceId: true,
      latestSnapshotAt: true,
      backupRetentionDays: true,
      refreshedAt: true,
    },
  },
} as const;

export async function loadCheckFacts(slugs: string[] | undefined, now: Date) {
  const chains = await db.chain.findMany({
    where: { decommissionedAt: null, ...(slugs ? { slug: { in: slugs } } : {}) },
    select: checkChainSelect,
    orderBy: { slug: 'asc' },
  });
  const ids = chains.map((c) => c.id);
  // A shared chain's drill evidence is any drill of its shared instance: read its neighbours' drills too.
  const sharedIds = [...new Set(chains.map((c) => c.deployment?.sharedDbInstanceId).filter((s): s is string => !!s))];
  const since = new Date(now.getTime() - DRILL_VALID_DAYS * 86_400_000);
  const [states, activeFlags, conformance, drills] = await Promise.all([
    db.chainFlagState.findMany({
      where: { chainId: { in: ids }, flag: { archivedAt: null } },
      select: { chainId: true, drift: true, flag: { select: { key: true } } },
    }),
    db.flag.count({ where: { archivedAt: null } }),
    findConformance(ids, now),
    db.operation.findMany({
      where: {
        type: 'restore-drill',
        OR: [{ createdAt: { gte: since } }, { status: { in: ['queued', 'running'] } }],
        chain: {
          OR: [{ id: { in: ids } }, { deployment: { sharedDbInstanceId: { in: sharedIds } } }],
        },
      },
      select: {
        id: true,
        status: true,
        error: true,
        createdAt: true,
        finishedAt: true,
        result: true,
        chain: { select: { id: true, slug: true, deployment: { select: { sharedDbInstanceId: true } } } },
      },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  const flagsByChain = new Map<string, FlagFact[]>();
  for (const s of states) {
    const list = flagsByChain.get(s.chainId) ?? [];
    list.push({ key: s.flag.key, drift: s.drift });
    flagsByChain.set(s.chainId, list);
  }
  // The newest drill per drill scope (a dedicated chain, or a shared instance).
  const lastDrill = new Map<string, DrillFact>();
  for (const d of drills) {
    const scope = drillScope({ id: d.chain.id, deployment: d.chain.deployment });
    if (lastDrill.has(scope)) continue;
    lastDrill.set(scope, { ...d, chainSlug: d.chain.slug });
  }
  return { chains, flagsByChain, activeFlags, conformance, lastDrill };
}

export type CheckChain = Awaited<ReturnType<typeof loadCheckFacts>>['chains'][number];

/** Whose drills stand for the chain: its own, or on a shared instance every drill of that instance. */
export const drillScope = (c: { id: string; deployment: { sharedDbInstanceId: string | null } | null }) =>
  c.deployment?.sharedDbInstanceId ? `shared:${c.deployment.sharedDbInstanceId}` : `chain:${c.id}`;

/** API tokens not revoked and not used (or, never used, created) for this many days. */
export const TOKEN_IDLE_DAYS = 90;

export async function findIdleTokens(now: Date) {
  const before = new Date(now.getTime() - TOKEN_IDLE_DAYS * 86_400_000);
  return db.apiToken.findMany({
    where: {
      revokedAt: null,
      OR: [{ lastUsedAt: { lt: before } }, { lastUsedAt: null, createdAt: { lt: before } }],
    },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      user: { select: { email: true } },
    },
    orderBy: { createdAt: 'asc' },
  });
}
