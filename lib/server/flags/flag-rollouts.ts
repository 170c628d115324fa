import 'server-only';
import { AppError, invalid, zodIssues } from '@/lib/app-error';
import { flagValueIssues } from '@/lib/flags/flag-value';
import { rolloutInputSchema } from '@/lib/flags/rollout-input';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { advanceWaves } from '@/lib/server/operations/waves';
import { flagRules, readFlag } from './flag-records';
import { findRollout, rolloutSelect, toRolloutDtos } from './rollout-dto';
import { matchedChains, startWave } from './rollout-wave';
import type { RolloutDto } from './rollout-dto';

// A rollout: one value for the chains a match selects (tier, region, residency, a list), run as a wave of
// deliveries: a canary alone first, then batches, stopping by itself on a failure (lib/server/operations/
// waves.ts). At once, or at a time (UTC): then the flag-rollouts job starts it once, or suspends it when the flag
// was changed or archived after it was made. A sensitive flag is not rolled out: each chain's change is
// approved on its own. Every chain the match selects must be allowed the value (residency) or nothing starts.

/** POST /api/v1/flags/{key}/rollouts (ops, admins): 202 with the rollout, started or scheduled. */
export async function requestFlagRollout(key: string, body: unknown): Promise<{ rollout: RolloutDto }> {
  const user = await authorize('flags:write', { target: `flag:${key}` });
  const flag = await readFlag(key);
  const input = rolloutInputSchema.safeParse(body);
  if (!input.success) throw invalid(zodIssues(input.error, { root: 'body' }));
  const r = input.data;
  if (flag.archivedAt) throw new AppError('conflict', `${flag.key} is archived: nothing to roll out.`);
  if (flag.sensitive)
    throw invalid([`${flag.key} is sensitive: each chain's change is approved on its own (PUT it per chain)`]);
  const valueIssues = flagValueIssues(flagRules(flag), r.value);
  if (valueIssues.length) throw invalid(valueIssues);
  const at = r.at ? new Date(r.at) : null;
  if (at && at.getTime() <= Date.now()) throw invalid(['at: the time has passed (leave it out to start now)']);
  const actor = { id: user.id, email: user.email };
  const id = await db.$transaction(async (tx) => {
    if (at) {
      const made = await tx.flagRollout.create({
        data: {
          flagId: flag.id,
          value: r.value as Prisma.InputJsonValue,
          match: r.match,
          chains: [],
          batchSize: r.batchSize,
          at,
          status: 'scheduled',
          requestedById: user.id,
        },
        select: { id: true },
      });
      await recordAuditEvent(
        {
          actor,
          action: 'flag.rollout-scheduled',
          result: 'ok',
          target: `flag:${flag.key}`,
          before: null,
          after: { rollout: made.id, value: r.value, match: r.match, at: at.toISOString() } as Prisma.InputJsonObject,
        },
        tx,
      );
      return made.id;
    }
    const chains = await matchedChains(tx, flag, r.value, r.match);
    if (typeof chains === 'string') throw invalid([chains]);
    const made = await tx.flagRollout.create({
      data: {
        flagId: flag.id,
        value: r.value as Prisma.InputJsonValue,
        match: r.match,
        chains,
        batchSize: r.batchSize,
        status: 'started',
        startedAt: new Date(),
        requestedById: user.id,
      },
      select: { id: true },
    });
    await startWave(tx, made.id, flag, r.value, chains, r.batchSize, actor);
    return made.id;
  });
  await advanceWaves();
  return { rollout: await findRollout(id) };
}

/** POST /api/v1/flags/{key}/rollouts/{id}/cancel (ops, admins): a scheduled rollout is not started. */
export async function cancelFlagRollout(key: string, id: string): Promise<{ rollout: RolloutDto }> {
  const user = await authorize('flags:write', { target: `flag:${key}` });
  const flag = await readFlag(key);
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`
      SELECT "status"::text FROM "FlagRollout" WHERE "id" = ${id}::uuid AND "flagId" = ${flag.id}::uuid FOR UPDATE`;
    if (!row) throw new AppError('not-found', `No rollout ${id} of ${flag.key}.`);
    if (row.status !== 'scheduled')
      throw new AppError(
        'conflict',
        `The rollout is ${row.status}: only a scheduled one is cancelled (cancel a started one's operations).`,
      );
    await tx.flagRollout.update({ where: { id }, data: { status: 'cancelled' } });
    await recordAuditEvent(
      {
        actor: { id: user.id, email: user.email },
        action: 'flag.rollout-cancelled',
        result: 'ok',
        target: `flag:${flag.key}`,
        before: { status: 'scheduled' },
        after: { status: 'cancelled' },
        detail: { rollout: id },
      },
      tx,
    );
  });
  return { rollout: await findRollout(id) };
}

/** GET /api/v1/flags/{key}/rollouts: the flag's rollouts, newest first, with their waves' progress. */
export async function findFlagRollouts(key: string): Promise<{ rollouts: RolloutDto[] }> {
  await authorize('fleet:read', { target: `flag:${key}` });
  const flag = await readFlag(key);
  const rows = await db.flagRollout.findMany({
    where: { flagId: flag.id },
    select: rolloutSelect,
    orderBy: { createdAt: 'desc' },
    take: 100,
  });
  return { rollouts: await toRolloutDtos(rows) };
}
