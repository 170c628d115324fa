import 'server-only';
import { AppError } from '@/lib/app-error';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import type { Actor } from '@/lib/server/audit/record-audit-event';

/**
 * Cancels an operation no worker has started (a decommission nobody should approve, a request made by
 * mistake): it ends failed, saying who cancelled it, and releases its resources. Running ones run to their
 * end. The cancellation (or its refusal) is audited with it.
 */
export async function cancelOperation(
  operationId: string,
  by: Actor,
  ip: string | null = null,
): Promise<{ cancelled: true }> {
  const op = await db.operation.findUnique({
    where: { id: operationId },
    select: { id: true, type: true, chainId: true, chain: { select: { slug: true } } },
  });
  if (!op) throw new AppError('not-found', `No operation ${operationId}.`);
  const cancelled = await db.$transaction(async (tx) => {
    const ended = await tx.operation.updateMany({
      where: { id: operationId, status: 'queued' },
      data: { status: 'failed', error: `Cancelled by ${by.email} before it started.`, finishedAt: new Date() },
    });
    if (ended.count) await tx.instanceLock.deleteMany({ where: { operationId } });
    const result = ended.count ? 'ok' : 'denied';
    await recordAuditEvent(
      {
        actor: by,
        action: `operation.cancel:${op.type}`,
        result,
        chainId: op.chainId,
        target: op.chain.slug,
        ip,
        detail: { operationId },
        ...(ended.count ? { before: { status: 'queued' }, after: { status: 'failed', cancelledBy: by.email } } : {}),
      },
      tx,
    );
    return ended.count > 0;
  });
  if (!cancelled) throw new AppError('conflict', 'Only an operation that has not started can be cancelled.');
  return { cancelled: true };
}
