import 'server-only';
import { db } from '@/lib/server/db/client';
import { acquireLease } from '@/lib/server/fleet/collector-lease';
import { ingestCosts } from './ingest-costs';
import type { IngestResult } from './ingest-costs';

// Cost Explorer updates once or more a day: the worker reads it nightly, after 02:00 UTC, and at start-up
// when it never has. Several workers may check at once: a lease lets one of them run.
const NIGHTLY_HOUR_UTC = 2;

export async function ingestCostsIfDue(now = new Date()): Promise<IngestResult | null> {
  // Only a finished run counts: one cut short (the process stopped mid-run) is run again; the lease below
  // keeps a run still going in another worker from being doubled.
  const last = await db.costIngestRun.findFirst({
    where: { finishedAt: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { startedAt: true },
  });
  const tonight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), NIGHTLY_HOUR_UTC));
  const dueSince = now >= tonight ? tonight : new Date(tonight.getTime() - 86_400_000);
  if (last && last.startedAt >= dueSince) return null;
  const release = await acquireLease('cost-ingest', 30 * 60_000);
  if (!release) return null;
  try {
    return await ingestCosts(now);
  } finally {
    await release();
  }
}
