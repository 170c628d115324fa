import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { queueEmail } from '@/lib/server/alerts/queue-notifications';
import { config } from '@/lib/config';
import type { CheckItem, CheckStatus } from './check-items';
import { renderCheckSummary } from './check-summary';

// The scheduled run's summaries, queued in the transaction that finishes the run: one per active account
// manager for the chains they manage, one for ops (the channels marked for the nightly summary, read by the
// caller before its transaction) for the fleet.

type Result = {
  status: CheckStatus;
  items: CheckItem[];
  chain: { slug: string; name: string; accountManager: { id: string; email: string; active: boolean } | null };
};

export async function queueCheckSummaries(
  tx: Prisma.TransactionClient,
  run: { runId: string; at: Date; results: Result[]; fleetItems: CheckItem[]; opsEmails: string[] },
): Promise<number> {
  const baseUrl = config().appOrigin;
  const toSummary = (r: Result) => ({ slug: r.chain.slug, name: r.chain.name, status: r.status, items: r.items });
  const byManager = new Map<string, { email: string; results: Result[] }>();
  for (const r of run.results) {
    const am = r.chain.accountManager;
    if (!am?.active) continue;
    const entry = byManager.get(am.id) ?? { email: am.email, results: [] };
    entry.results.push(r);
    byManager.set(am.id, entry);
  }
  let queued = 0;
  for (const [userId, m] of byManager) {
    const mail = renderCheckSummary({ audience: 'your chains', at: run.at, chains: m.results.map(toSummary), baseUrl });
    queued += Number(
      await queueEmail(tx, {
        dedupeKey: `check:${run.runId}:am:${userId}`,
        kind: 'summary',
        to: [m.email],
        ...mail,
      }),
    );
  }
  const ops = [...new Set(run.opsEmails)];
  if (ops.length) {
    const mail = renderCheckSummary({
      audience: 'the fleet',
      at: run.at,
      chains: run.results.map(toSummary),
      fleetItems: run.fleetItems,
      baseUrl,
    });
    queued += Number(await queueEmail(tx, { dedupeKey: `check:${run.runId}:ops`, kind: 'summary', to: ops, ...mail }));
  }
  return queued;
}
