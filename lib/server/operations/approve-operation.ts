import 'server-only';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { wakeOperationRunner } from './operation-runner';

export type ApproveResult = { ok: true } | { ok: false; status: 403 | 404 | 409; message: string };

/**
 * A second person's approval of an operation that needs one (decommission). The caller must already be
 * authorized to request operations; the requester cannot approve their own request.
 */
export async function approveOperation(
  operationId: string,
  approver: { id: string; email: string },
  ip: string | null = null,
): Promise<ApproveResult> {
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
  if (!op) return { ok: false, status: 404, message: `No operation ${operationId}.` };
  const refuse = async (status: 403 | 409, message: string): Promise<ApproveResult> => {
    await recordAuditEvent({
      actor: approver,
      action: `operation.approve:${op.type}`,
      result: 'denied',
      chainId: op.chainId,
      target: op.chain.slug,
      ip,
      detail: { operationId, reason: message },
    });
    return { ok: false, status, message };
  };
  if (!op.needsApproval) return refuse(409, 'This operation needs no approval.');
  if (op.approvedById) return refuse(409, 'This operation is approved already.');
  if (op.status !== 'queued') return refuse(409, `This operation is ${op.status}.`);
  if (op.requestedById === approver.id) return refuse(403, 'A second person approves: you requested this operation.');
  const updated = await db.operation.updateMany({
    where: { id: op.id, approvedById: null, status: 'queued' },
    data: { approvedById: approver.id },
  });
  if (updated.count === 0) return refuse(409, 'Someone else approved or cancelled it first.');
  await recordAuditEvent({
    actor: approver,
    action: `operation.approved:${op.type}`,
    result: 'ok',
    chainId: op.chainId,
    target: op.chain.slug,
    ip,
    detail: { operationId },
  });
  wakeOperationRunner();
  return { ok: true };
}
