import 'server-only';
import { db } from '@/lib/server/db/client';

// The nightly check runs at 03:00 UTC (the scheduler's `nightly-check` job), and at start-up only when no run
// has finished since the last 03:00 (it never ran, or the process was down at 03:00): the cost-ingest rule, but
// not before the collector has read the fleet once. A first start's check would run beside the collector's
// first pass, find every chain "not read yet", and stand as the night's run; it waits for 03:00 or "Run now".
const NIGHTLY_HOUR_UTC = 3;

export async function nightlyCheckDue(now = new Date()): Promise<boolean> {
  const last = await db.checkRun.findFirst({
    where: { finishedAt: { not: null }, trigger: 'schedule' },
    orderBy: { startedAt: 'desc' },
    select: { startedAt: true },
  });
  const tonight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), NIGHTLY_HOUR_UTC));
  const dueSince = now >= tonight ? tonight : new Date(tonight.getTime() - 86_400_000);
  if (last && last.startedAt >= dueSince) return false;
  return (await db.deployment.count({ where: { refreshedAt: { not: null } }, take: 1 })) > 0;
}
