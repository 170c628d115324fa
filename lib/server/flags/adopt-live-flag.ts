import 'server-only';
import { AppError, invalid } from '@/lib/app-error';
import type { ChainFlagDto } from '@/lib/flags/flag-dto';
import { flagValueIssues, residencyIssues } from '@/lib/flags/flag-value';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorizeOnChain } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { flagsLock } from '@/lib/server/operations/kernel/operation-module';
import { flagRules, readFlag } from './flag-records';
import { findChainFlags } from './find-chain-flags';

/**
 * Adopts a chain's live value of a flag, changed outside Fleetpane (drift `modified`), as its override: nothing
 * is written to AWS, the record follows the parameter. The live value must still fit the flag (type, JSON
 * Schema, residency), and no delivery may be queued or running for the chain (it would overwrite what is
 * adopted). The override, the state and the audit event (naming who changed the parameter, and when) commit
 * together. The chain's flagd document is rewritten by its next delivery. A sensitive flag's live value is
 * adopted without a second person: it is live already, adopting changes only the record, and re-apply undoes it.
 */
export async function adoptLiveFlag(input: { slug: string; key: string }): Promise<{ flag: ChainFlagDto }> {
  const chain = await db.chain.findFirst({
    where: { slug: input.slug, decommissionedAt: null },
    select: { id: true, slug: true, residency: true, accountManagerId: true },
  });
  if (!chain) throw new AppError('not-found', `No chain "${input.slug}".`);
  const user = await authorizeOnChain('flags:write', chain);
  const flag = await readFlag(input.key);
  if (flag.archivedAt) throw new AppError('conflict', `${flag.key} is archived: nothing to adopt.`);
  await db.$transaction(async (tx) => {
    const where = { chainId_flagId: { chainId: chain.id, flagId: flag.id } };
    const [state, before, busy] = await Promise.all([
      tx.chainFlagState.findUnique({
        where,
        select: { drift: true, liveValue: true, modifiedBy: true, modifiedAt: true, liveVersion: true },
      }),
      tx.chainFlagOverride.findUnique({ where, select: { value: true } }),
      tx.instanceLock.findUnique({ where: { instanceKey: flagsLock(chain) }, select: { operationId: true } }),
    ]);
    if (busy)
      throw new AppError(
        'conflict',
        `${chain.slug} has a flag delivery queued or running (operation ${busy.operationId}): adopt after it ends.`,
      );
    if (state?.drift !== 'modified' || state.liveValue === null)
      throw new AppError(
        'conflict',
        `Nothing to adopt: ${flag.key} on ${chain.slug} is ${state?.drift ?? 'not read yet'}, not modified.`,
      );
    const issues = [
      ...flagValueIssues(flagRules(flag), state.liveValue, 'live'),
      ...residencyIssues(flagRules(flag), chain, state.liveValue, 'live'),
    ];
    if (issues.length) throw invalid(issues, 'The live value cannot be adopted (re-apply instead)');
    const value = state.liveValue as Prisma.InputJsonValue;
    const override = { value, setById: user.id, setAt: new Date(), operationId: null };
    await tx.chainFlagOverride.upsert({ where, create: { ...where.chainId_flagId, ...override }, update: override });
    await tx.chainFlagState.update({ where, data: { drift: 'in_sync', checkError: null } });
    await recordAuditEvent(
      {
        actor: user,
        action: 'flag.adopt',
        result: 'ok',
        chainId: chain.id,
        target: chain.slug,
        before: (before
          ? { value: before.value, source: 'override' }
          : { value: flag.defaultValue, source: 'default' }) as Prisma.InputJsonObject,
        after: { value, source: 'override' },
        detail: {
          flag: flag.key,
          modifiedBy: state.modifiedBy,
          modifiedAt: state.modifiedAt?.toISOString() ?? null,
          liveVersion: state.liveVersion,
        },
      },
      tx,
    );
  });
  const after = (await findChainFlags(chain.slug)).flags.find((f) => f.key === flag.key);
  return { flag: after! };
}
