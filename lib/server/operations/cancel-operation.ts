import 'server-only';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';

export type CancelResult = { ok: true } | { ok: false; status: 404 | 409; message: string };

/**
 * Cancels an operation no worker has started (a decommission nobody should approve, a request made by
 * mistake): it ends failed, saying who cancelled it, and releases its resources. Running ones run to their end.
 */
export async function cancelOperation(
  operationId: string,
  by: { id: string; email: string },
  ip: string | null = null,
): Promise<CancelResult> {
  const op = await db.operation.findUnique({
    where: { id: operationId },
    select: { id: true, type: true, chainId: true, chain: { select: { slug: true } } },
  });
  if (!op) return { ok: false, status: 404, message: `No operation ${operationId}.` };
  const cancelled = await db.$transaction(async (tx) => {
    const ended = await tx.operation.updateMany({
      where: { id: operationId, status: 'queued' },
      data: { status: 'failed', error: `Cancelled by ${by.email} before it started.`, finishedAt: new Date() },
    });
    if (ended.count === 0) return false;
    await tx.instanceLock.deleteMany({ where: { operationId } });
    return true;
  });
  await recordAuditEvent({
    actor: by,
    action: `operation.cancel:${op.type}`,
    result: cancelled ? 'ok' : 'denied',
    chainId: op.chainId,
    target: op.chain.slug,
    ip,
    detail: { operationId },
  });
  return cancelled
    ? { ok: true }
    : { ok: false, status: 409, message: 'Only an operation that has not started can be cancelled.' };
}
