import 'server-only';
import { residencyIssues } from '@/lib/flags/flag-value';
import type { RolloutMatch } from '@/lib/flags/rollout-input';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { advanceWaves } from '@/lib/server/operations/waves';
import { flagRules, readFlag } from './flag-records';
import type { FlagRow } from './flag-records';

// A rollout's chains and its wave, for a request (flag-rollouts.ts, which authorizes it) and for the
// flag-rollouts job (the worker, which has no caller: nothing here imports the request's authorization).

type Tx = Prisma.TransactionClient;

/** The chains a match selects, by slug (the canary first), or why the rollout cannot run on them. */
export async function matchedChains(
  tx: Tx,
  flag: FlagRow,
  value: unknown,
  match: RolloutMatch,
): Promise<string[] | string> {
  const rows = await tx.chain.findMany({
    where: {
      decommissionedAt: null,
      deployment: { isNot: null },
      ...(match.tier ? { tier: { key: match.tier } } : {}),
      ...(match.region ? { region: match.region } : {}),
      ...(match.residency ? { residency: match.residency === 'none' ? null : match.residency } : {}),
      ...(match.chains ? { slug: { in: match.chains } } : {}),
    },
    select: { slug: true, residency: true },
    orderBy: { slug: 'asc' },
  });
  const unknown = match.chains?.filter((s) => !rows.some((r) => r.slug === s)) ?? [];
  if (unknown.length) return `match.chains: no chain ${unknown.map((s) => `"${s}"`).join(', ')} (or not deployed)`;
  if (rows.length === 0) return 'match: no chain matches';
  const refused = rows.flatMap((c) => residencyIssues(flagRules(flag), c, value));
  if (refused.length) return refused.join('; ');
  return rows.map((r) => r.slug);
}

/** The rollout's wave (deliveries of the value, a canary first) and its audit event, with the rollout. */
export async function startWave(
  tx: Tx,
  rolloutId: string,
  flag: FlagRow,
  value: unknown,
  chains: string[],
  batchSize: number,
  actor: Actor,
): Promise<void> {
  const wave = await tx.wave.create({
    data: {
      type: 'deliver-flag',
      params: { action: 'set', key: flag.key, value } as Prisma.InputJsonValue,
      chains,
      batchSize,
      requestedById: actor.id,
    },
    select: { id: true },
  });
  await tx.flagRollout.update({ where: { id: rolloutId }, data: { waveId: wave.id } });
  await recordAuditEvent(
    {
      actor,
      action: 'flag.rollout',
      result: 'ok',
      target: `flag:${flag.key}`,
      before: null,
      after: { rollout: rolloutId, wave: wave.id, value, chains, batchSize } as Prisma.InputJsonObject,
    },
    tx,
  );
}

/**
 * The flag-rollouts job: starts each scheduled rollout whose time has come, once (claimed in one statement,
 * started in the same transaction), or suspends it when its flag was changed or archived since it was made.
 */
export async function startDueRollouts(): Promise<string> {
  let started = 0;
  let suspended = 0;
  for (;;) {
    const outcome = await db.$transaction(async (tx) => {
      const [due] = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "FlagRollout" WHERE "status" = 'scheduled' AND "at" <= now()
        ORDER BY "at" FOR UPDATE SKIP LOCKED LIMIT 1`;
      if (!due) return null;
      const r = await tx.flagRollout.findUniqueOrThrow({
        where: { id: due.id },
        select: {
          id: true,
          value: true,
          match: true,
          batchSize: true,
          createdAt: true,
          flagId: true,
          requestedBy: { select: { id: true, email: true } },
        },
      });
      const flag = await tx.flag.findUniqueOrThrow({ where: { id: r.flagId }, select: { key: true } });
      const row = await readFlag(flag.key, tx);
      const changedSince = await tx.chainFlagOverride.count({
        where: { flagId: r.flagId, setAt: { gt: r.createdAt } },
      });
      const why = row.archivedAt
        ? `${row.key} was archived after the rollout was scheduled`
        : row.updatedAt > r.createdAt || changedSince > 0
          ? `${row.key} was changed after the rollout was scheduled: schedule it again if it still holds`
          : null;
      const chains = why ? why : await matchedChains(tx, row, r.value, r.match as RolloutMatch);
      if (typeof chains === 'string') {
        await tx.flagRollout.update({ where: { id: r.id }, data: { status: 'suspended', reason: chains } });
        await recordAuditEvent(
          {
            actor: r.requestedBy,
            action: 'flag.rollout-suspended',
            result: 'failed',
            target: `flag:${row.key}`,
            before: { status: 'scheduled' },
            after: { status: 'suspended', reason: chains },
            detail: { rollout: r.id },
          },
          tx,
        );
        return 'suspended' as const;
      }
      await tx.flagRollout.update({ where: { id: r.id }, data: { status: 'started', startedAt: new Date(), chains } });
      await startWave(tx, r.id, row, r.value, chains, r.batchSize, r.requestedBy);
      return 'started' as const;
    });
    if (!outcome) break;
    if (outcome === 'started') started += 1;
    else suspended += 1;
  }
  if (started) await advanceWaves();
  return `${started} rollout(s) started, ${suspended} suspended`;
}
