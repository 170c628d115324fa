import 'server-only';
import { db } from '@/lib/server/db/client';
import { acquireLease } from '@/lib/server/db/lease';
import { ingestCosts } from './ingest-costs';
import type { IngestResult } from './ingest-costs';

// Cost Explorer updates once or more a day: it is read nightly, after 02:00 UTC (the scheduler's
// `cost-ingest` job, lib/server/schedule/jobs.ts), and at start-up when no run has finished since the last
// 02:00. `costIngestDue` is that start-up rule; `ingestCostsIfDue` applies it with a lease, for a caller
// outside the scheduler.
const NIGHTLY_HOUR_UTC = 2;

/** True when no ingestion has finished since the last 02:00 UTC (a run cut short does not count). */
export async function costIngestDue(now = new Date()): Promise<boolean> {
  const last = await db.costIngestRun.findFirst({
    where: { finishedAt: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { startedAt: true },
  });
  const tonight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), NIGHTLY_HOUR_UTC));
  const dueSince = now >= tonight ? tonight : new Date(tonight.getTime() - 86_400_000);
  return !last || last.startedAt < dueSince;
}

export async function ingestCostsIfDue(now = new Date()): Promise<IngestResult | null> {
  // Only a finished run counts: one cut short (the process stopped mid-run) is run again; the lease below
  // keeps a run still going in another worker from being doubled.
  if (!(await costIngestDue(now))) return null;
  const release = await acquireLease('cost-ingest', 30 * 60_000);
  if (!release) return null;
  try {
    return await ingestCosts(now);
  } finally {
    await release();
  }
}
