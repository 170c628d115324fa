import 'server-only';
import { AppError } from '@/lib/app-error';
import type { Prisma } from '@/lib/generated/prisma/client';
import { summaryChannels, wakeDeliveries } from '@/lib/server/alerts/queue-notifications';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { queueRestoreDrill } from '@/lib/server/operations/queue-restore-drill';
import { accountManagerItem, backupItem, conformanceItem, flagsItem, worst } from './check-items';
import type { CheckItem, CheckStatus } from './check-items';
import { drillCurrent, drillItem } from './drill-item';
import type { DrillPlan } from './drill-item';
import { drillScope, findIdleTokens, loadCheckFacts, TOKEN_IDLE_DAYS } from './load-check-facts';
import type { CheckChain } from './load-check-facts';
import { queueCheckSummaries } from './queue-check-summaries';

// The nightly check (03:00 UTC through the scheduler, and on demand): every chain's backups, restore drill,
// flags, conformance and account manager, and the fleet's idle API tokens, recorded as one CheckRun with a
// ChainCheck per chain. Only the scheduled run queues drills (at most one a week per chain, and at most a
// seventh of the fleet's drill scopes a night, so a first run does not restore every instance at once); an
// on-demand run reports without side effects in AWS. The run's results, its audit event and (scheduled)
// its summary e-mails commit in one transaction. Server-only, no request authorization: the worker runs it.

export type RunCheckOptions = {
  trigger: 'schedule' | 'manual';
  chainSlugs?: string[];
  requestedBy?: Actor;
  notify?: boolean;
  now?: Date;
};

export type ChainResult = { slug: string; status: CheckStatus; items: CheckItem[] };
export type CheckRunSummary = {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string;
  counts: Record<CheckStatus, number>;
  chains: ChainResult[];
  fleetItems: CheckItem[];
  drillsQueued: number;
};

export async function runNightlyCheck(options: RunCheckOptions): Promise<CheckRunSummary> {
  const now = options.now ?? new Date();
  const facts = await loadCheckFacts(options.chainSlugs, now);
  const unknown = (options.chainSlugs ?? []).filter((s) => !facts.chains.some((c) => c.slug === s));
  if (unknown.length) throw new AppError('bad-request', `No chain ${unknown.map((s) => `"${s}"`).join(', ')}.`);
  const run = await db.checkRun.create({
    data: { trigger: options.trigger, requestedById: options.requestedBy?.id, startedAt: now },
    select: { id: true },
  });
  const plans = await planDrills(facts.chains, facts.lastDrill, options.trigger === 'schedule', now);
  const results: (ChainResult & { chain: CheckChain })[] = facts.chains.map((c) => {
    const items = [
      backupItem(c.deployment, c.tier.minBackupRetentionDays, now),
      drillItem(plans.get(c.id)!, c.slug, now),
      flagsItem(facts.flagsByChain.get(c.id) ?? [], facts.activeFlags),
      conformanceItem(facts.conformance.get(c.id)),
      accountManagerItem(c.accountManager),
    ];
    return { chain: c, slug: c.slug, status: worst(items), items };
  });
  const fleetItems = (await findIdleTokens(now)).map<CheckItem>((t) => ({
    check: 'api-token',
    status: 'warn',
    detail: `"${t.name}" (${t.prefix}…) of ${t.user.email} unused for ${TOKEN_IDLE_DAYS} days or more (${t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : `never used, created ${t.createdAt.toISOString()}`}): revoke it`,
    evidence: { tokenId: t.id, owner: t.user.email, lastUsedAt: t.lastUsedAt?.toISOString() ?? null },
  }));
  const counts = { ok: 0, warn: 0, fail: 0 };
  for (const r of results) counts[r.status] += 1;
  const finishedAt = new Date();
  const drillsQueued = [...plans.values()].filter((p) => p.queued).length;
  // Read before the transaction: summaryChannels reads outside it (one connection in embedded mode).
  const opsEmails = options.notify ? (await summaryChannels()).flatMap((c) => c.emails) : [];
  await db.$transaction(async (tx) => {
    await tx.chainCheck.createMany({
      data: results.map((r) => ({
        runId: run.id,
        chainId: r.chain.id,
        at: now,
        status: r.status,
        items: r.items as Prisma.InputJsonValue,
      })),
    });
    await tx.checkRun.update({
      where: { id: run.id },
      data: {
        finishedAt,
        chains: results.length,
        failing: counts.fail,
        fleetItems: fleetItems as Prisma.InputJsonValue,
      },
    });
    await recordAuditEvent(
      {
        actor: options.requestedBy,
        action: 'checks.run',
        result: 'ok',
        target: options.chainSlugs?.join(',') ?? 'fleet',
        detail: { runId: run.id, trigger: options.trigger, chains: results.length, ...counts, drillsQueued },
      },
      tx,
    );
    if (options.notify) await queueCheckSummaries(tx, { runId: run.id, at: now, results, fleetItems, opsEmails });
  });
  if (options.notify) await wakeDeliveries();
  return {
    id: run.id,
    trigger: options.trigger,
    startedAt: now.toISOString(),
    finishedAt: finishedAt.toISOString(),
    counts,
    chains: results.map(({ slug, status, items }) => ({ slug, status, items })),
    fleetItems,
    drillsQueued,
  };
}

/** Each chain's drill plan: one decision per drill scope, a due drill queued on its scope's first chain. */
async function planDrills(
  chains: CheckChain[],
  lastDrill: Map<string, Parameters<typeof drillCurrent>[0] & object>,
  queueing: boolean,
  now: Date,
): Promise<Map<string, DrillPlan>> {
  const cap = Math.max(1, Math.ceil(new Set(chains.map(drillScope)).size / 7));
  const byScope = new Map<string, Pick<DrillPlan, 'queued' | 'notQueued'>>();
  const plans = new Map<string, DrillPlan>();
  let queued = 0;
  for (const c of chains) {
    const scope = drillScope(c);
    const last = lastDrill.get(scope) ?? null;
    const d = c.deployment;
    const read = !!d?.refreshedAt;
    const hasSnapshot = !!d?.latestSnapshotAt;
    let decided = byScope.get(scope);
    if (!decided) {
      decided = { queued: null, notQueued: null };
      if (d && read && hasSnapshot && !drillCurrent(last, now)) {
        if (!queueing) decided.notQueued = 'the nightly run queues it';
        else if (queued >= cap) decided.notQueued = `queued on a later night (at most ${cap} drills a night)`;
        else {
          const r = await queueRestoreDrill({ ...c, deployment: d }, now);
          if ('busy' in r) decided.notQueued = r.busy;
          else if (r.created || r.operation.status === 'queued' || r.operation.status === 'running') {
            decided.queued = { id: r.operation.id, chainSlug: c.slug };
            queued += 1;
          } else decided.notQueued = `this week's drill ${r.operation.id} has run; the next is due next week`;
        }
      }
      byScope.set(scope, decided);
    }
    plans.set(c.id, { last, ...decided, read, hasSnapshot });
  }
  return plans;
}
