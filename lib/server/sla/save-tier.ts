import 'server-only';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError, zodFields } from '@/lib/app-error';
import { authorize } from '@/lib/server/auth/authorize';
import { announceChange } from '@/lib/server/db/change-signal';
import { db } from '@/lib/server/db/client';
import { tierInputSchema } from '@/lib/sla/tier-input';
import { syncConformance } from './find-conformance';
import { tierFields } from './find-tiers';

/** Creates (version 0) or edits an SLA tier; admins only; the edit applies to the version it read. */
export async function saveTier(raw: unknown, options: { create: boolean }): Promise<{ key: string }> {
  const user = await authorize('tiers:manage', { target: 'sla-tier' });
  const parsed = tierInputSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = zodFields(parsed.error, { root: 'form' });
    throw new AppError('bad-request', 'The tier was not saved: correct the fields marked.', { fields });
  }
  const { version, ...data } = parsed.data;
  const before = await db.slaTier.findUnique({ where: { key: data.key }, select: { id: true, ...tierFields } });
  if (options.create && before) {
    throw new AppError('bad-request', 'The tier was not saved.', {
      fields: { key: [`A tier "${data.key}" exists already`] },
    });
  }
  if (!options.create && !before) throw new AppError('not-found', `No tier "${data.key}".`);
  if (before && before.version !== version) throw conflict(before.version);

  const after = await db.$transaction(async (tx) => {
    const saved = before
      ? await tx.slaTier.updateMany({ where: { id: before.id, version }, data: { ...data, version: { increment: 1 } } })
      : await tx.slaTier.create({ data }).then(() => ({ count: 1 }));
    if (saved.count === 0) throw conflict(version + 1);
    const row = await tx.slaTier.findUniqueOrThrow({ where: { key: data.key }, select: { id: true, ...tierFields } });
    await recordAuditEvent(
      {
        actor: user,
        action: before ? 'tier.update' : 'tier.create',
        result: 'ok',
        target: `tier:${data.key}`,
        before: before ? plain(before) : null,
        after: plain(row),
      },
      tx,
    );
    return row;
  });
  // Every chain on the tier is now held to the new rules.
  const chains = await db.chain.findMany({ where: { tierId: after.id, decommissionedAt: null }, select: { id: true } });
  if (chains.length) await syncConformance({ chainIds: chains.map((c) => c.id) });
  await announceChange('fleet');
  return { key: data.key };
}

function conflict(current: number): AppError {
  return new AppError(
    'conflict',
    `Someone else saved this tier while you were editing it (now version ${current}). Reload, then edit again.`,
  );
}

function plain(
  t: { availabilityTarget: { toFixed(d: number): string }; creditSchedule: unknown } & Record<string, unknown>,
) {
  return { ...t, availabilityTarget: t.availabilityTarget.toFixed(3), creditSchedule: t.creditSchedule as object };
}
