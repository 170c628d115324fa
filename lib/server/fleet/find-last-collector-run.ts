import 'server-only';
import type { CollectorRunSummary } from '@/lib/fleet/dto';
import { db } from '@/lib/server/db/client';

/** The last finished pass of the collector: when the pane's data was read. */
export async function findLastCollectorRun(): Promise<CollectorRunSummary> {
  const run = await db.collectorRun.findFirst({
    where: { finishedAt: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { finishedAt: true, awsCalls: true, chains: true, failedScopes: true },
  });
  return run?.finishedAt ? { ...run, finishedAt: run.finishedAt.toISOString() } : null;
}
