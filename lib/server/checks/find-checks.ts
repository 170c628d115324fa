import 'server-only';
import type { ChainChecksDto, CheckItemDto } from '@/lib/checks/check-dto';
import { db } from '@/lib/server/db/client';
import { drillEvidence } from './drill-item';

// What the chain page, the API and the fleet tile read of the nightly check.

/** The chain's latest result and its instance's last successful drill; null when there is no such chain. */
export async function findChainChecks(slug: string): Promise<ChainChecksDto | null> {
  const chain = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: { id: true, slug: true, deployment: { select: { sharedDbInstanceId: true } } },
  });
  if (!chain) return null;
  const shared = chain.deployment?.sharedDbInstanceId;
  const [latest, drill] = await Promise.all([
    db.chainCheck.findFirst({
      where: { chainId: chain.id },
      orderBy: { at: 'desc' },
      select: { runId: true, at: true, status: true, items: true, run: { select: { trigger: true } } },
    }),
    db.operation.findFirst({
      where: {
        type: 'restore-drill',
        status: 'succeeded',
        chain: shared ? { deployment: { sharedDbInstanceId: shared } } : { id: chain.id },
      },
      orderBy: { finishedAt: 'desc' },
      select: { id: true, status: true, error: true, createdAt: true, finishedAt: true, result: true },
    }),
  ]);
  return {
    chain: chain.slug,
    latest: latest && {
      runId: latest.runId,
      at: latest.at.toISOString(),
      trigger: latest.run.trigger,
      status: latest.status,
      items: latest.items as CheckItemDto[],
    },
    lastDrill: drill ? drillEvidence({ ...drill, chainSlug: chain.slug }) : null,
  };
}

export type CheckTile = { at: string; chains: number; ok: number; warn: number; fail: number } | null;

/**
 * The fleet tile: each live chain's latest result, whichever run it came from (a run on demand may cover a
 * few chains only: the tile never shows those few as the fleet), and when the latest run finished.
 */
export async function findCheckTile(): Promise<CheckTile> {
  const run = await db.checkRun.findFirst({
    where: { finishedAt: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { finishedAt: true },
  });
  if (!run?.finishedAt) return null;
  const counts = await db.$queryRaw<{ status: string; n: bigint }[]>`
    SELECT x."status"::text AS "status", count(*) AS "n" FROM (
      SELECT DISTINCT ON (cc."chainId") cc."status" FROM "ChainCheck" cc
      JOIN "Chain" c ON c."id" = cc."chainId" AND c."decommissionedAt" IS NULL
      ORDER BY cc."chainId", cc."at" DESC
    ) x GROUP BY 1`;
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  return {
    at: run.finishedAt.toISOString(),
    chains: n('ok') + n('warn') + n('fail'),
    ok: n('ok'),
    warn: n('warn'),
    fail: n('fail'),
  };
}
