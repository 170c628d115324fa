import 'server-only';
import { AppError } from '@/lib/app-error';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { wakeOperationRunner } from './kernel/wake';

/**
 * A second person's approval of an operation that needs one (decommission). The caller must already be
 * authorized to request operations; the requester cannot approve their own request. Refusals are audited.
 */
export async function approveOperation(
  operationId: string,
  approver: Actor,
  ip: string | null = null,
): Promise<{ approved: true }> {
  const op = await db.operation.findUnique({
    where: { id: operationId },
    select: {
      id: true,
      type: true,
      status: true,
      needsApproval: true,
      approvedById: true,
      requestedById: true,
      chainId: true,
      chain: { select: { slug: true } },
    },
  });
  if (!op) throw new AppError('not-found', `No operation ${operationId}.`);
  const event = (result: 'ok' | 'denied', action: string, reason?: string) => ({
    actor: approver,
    action: `operation.${action}:${op.type}`,
    result,
    chainId: op.chainId,
    target: op.chain.slug,
    ip,
    detail: { operationId, ...(reason ? { reason } : {}) },
  });
  const refuse = async (code: 'forbidden' | 'conflict', message: string): Promise<never> => {
    await recordAuditEvent(event('denied', 'approve', message));
    throw new AppError(code, message);
  };
  if (!op.needsApproval) return refuse('conflict', 'This operation needs no approval.');
  if (op.approvedById) return refuse('conflict', 'This operation is approved already.');
  if (op.status !== 'queued') return refuse('conflict', `This operation is ${op.status}.`);
  if (op.requestedById === approver.id)
    return refuse('forbidden', 'A second person approves: you requested this operation.');
  const approved = await db.$transaction(async (tx) => {
    const updated = await tx.operation.updateMany({
      where: { id: op.id, approvedById: null, status: 'queued' },
      data: { approvedById: approver.id },
    });
    if (updated.count) {
      const change = { before: { approvedBy: null }, after: { approvedBy: approver.email } };
      await recordAuditEvent({ ...event('ok', 'approved'), ...change }, tx);
    }
    return updated.count > 0;
  });
  if (!approved) return refuse('conflict', 'Someone else approved or cancelled it first.');
  wakeOperationRunner();
  return { approved: true };
}
