import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/app-error';
import type { AlertDto } from '@/lib/alerts/alert-dto';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorizeOnChain } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { alertSelect, toAlertDtos } from './alert-records';

/**
 * POST /api/v1/alerts/{id}/ack (ops, admins, the chain's account manager): someone is on it, so no more
 * reminders. Its resolution is still told. Acknowledging twice changes nothing; a resolved alert is a 409.
 */
export async function acknowledgeAlert(id: string): Promise<{ alert: AlertDto }> {
  const found = z.uuid().safeParse(id).success
    ? await db.alert.findUnique({
        where: { id },
        select: { chain: { select: { id: true, slug: true, accountManagerId: true } } },
      })
    : null;
  if (!found) throw new AppError('not-found', `No alert ${id}.`);
  const user = await authorizeOnChain('alerts:ack', found.chain);
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; acknowledgedAt: Date | null }[]>`
      SELECT "status"::text, "acknowledgedAt" FROM "Alert" WHERE "id" = ${id}::uuid FOR UPDATE`;
    // A pending alert whose problem cleared within the group wait is forgotten meanwhile.
    if (!row) throw new AppError('not-found', `No alert ${id}: it cleared before it fired.`);
    if (row.status === 'resolved') throw new AppError('conflict', 'The alert is resolved: nothing to acknowledge.');
    if (row.acknowledgedAt) return;
    const now = new Date();
    await tx.alert.update({ where: { id }, data: { acknowledgedAt: now, acknowledgedById: user.id } });
    await recordAuditEvent(
      {
        actor: { id: user.id, email: user.email },
        action: 'alert.acknowledged',
        result: 'ok',
        chainId: found.chain.id,
        target: found.chain.slug,
        before: { acknowledgedAt: null },
        after: { acknowledgedAt: now.toISOString() },
        detail: { alert: id },
      },
      tx,
    );
  });
  const row = await db.alert.findUnique({ where: { id }, select: alertSelect });
  if (!row) throw new AppError('not-found', `No alert ${id}: it cleared before it fired.`);
  const [alert] = await toAlertDtos([row]);
  return { alert: alert! };
}
