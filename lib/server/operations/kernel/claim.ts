import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';

// The queue's claim: a worker takes the oldest runnable operation in a single statement (FOR UPDATE SKIP
// LOCKED, so several workers never take the same one), holds it with a claim it renews while it runs,
// and only the holder ends it. A worker that dies leaves a claim that runs out: the next one resumes.

export const CLAIM_MS = Number(process.env.FLEETPANE_OPERATION_CLAIM_MS ?? 60_000);
const HEARTBEAT_MS = Math.min(15_000, CLAIM_MS / 4);

/**
 * Claims the oldest runnable operation: queued (and approved where it must be), or running under a claim that
 * ran out and not running here (`runningHere`: this worker's own runs, whose claim a slow renewal let lapse).
 * A run of this worker's that ended without finishing (its database went away mid-step) is retaken by it
 * like any other: a worker alone, as with the embedded database, would otherwise never resume it.
 */
export async function claimOperation(workerId: string, runningHere: readonly string[] = []): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Operation" SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = now() + ${`${CLAIM_MS} milliseconds`}::interval,
      "attempts" = "attempts" + 1, "startedAt" = coalesce("startedAt", now())
    WHERE "id" = (
      SELECT "id" FROM "Operation"
      WHERE ("status" = 'queued' AND ("needsApproval" = false OR "approvedById" IS NOT NULL))
         OR ("status" = 'running' AND "lockedUntil" < now() AND NOT ("id" = ANY(${[...runningHere]}::uuid[])))
      ORDER BY "createdAt" FOR UPDATE SKIP LOCKED LIMIT 1
    )
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/** Renews the claim while the operation runs; `lost()` says another worker took it over. */
export function holdClaim(operationId: string, workerId: string): { lost: () => boolean; release: () => void } {
  let lost = false;
  const heartbeat = setInterval(() => {
    void db.operation
      .updateMany({
        where: { id: operationId, lockedBy: workerId },
        data: { lockedUntil: new Date(Date.now() + CLAIM_MS) },
      })
      .then((r) => (lost ||= r.count === 0))
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  return { lost: () => lost, release: () => clearInterval(heartbeat) };
}

export type Outcome = {
  status: 'succeeded' | 'failed' | 'rolled_back';
  error?: string;
  result?: Prisma.InputJsonObject;
};

/**
 * Ends the operation, in one transaction with its audit event and only by the worker holding the claim: a
 * finished operation never keeps its locks, and a worker that lost its claim does not end it a second time.
 * Returns the chain's id, or null when the claim was lost.
 */
export async function finishOperation(operationId: string, workerId: string, outcome: Outcome): Promise<string | null> {
  const chainId = await db.$transaction(async (tx) => {
    const ended = await tx.operation.updateMany({
      where: { id: operationId, lockedBy: workerId },
      data: {
        status: outcome.status,
        error: outcome.error ?? null,
        result: outcome.result ?? undefined,
        finishedAt: new Date(),
        lockedBy: null,
        lockedUntil: null,
      },
    });
    if (ended.count === 0) return null;
    await tx.instanceLock.deleteMany({ where: { operationId } });
    const op = await tx.operation.findUniqueOrThrow({
      where: { id: operationId },
      select: {
        chainId: true,
        type: true,
        requestedById: true,
        requestedBy: { select: { email: true } },
        chain: { select: { slug: true } },
      },
    });
    await recordAuditEvent(
      {
        actor: { id: op.requestedById ?? undefined, email: op.requestedBy?.email },
        action: `operation.${outcome.status}:${op.type}`,
        result: outcome.status === 'succeeded' ? 'ok' : 'failed',
        chainId: op.chainId,
        target: op.chain.slug,
        detail: {
          operationId,
          worker: workerId,
          ...(outcome.error ? { error: outcome.error } : {}),
          ...(outcome.result ? { result: outcome.result } : {}),
        },
      },
      tx,
    );
    return op.chainId;
  });
  if (!chainId) console.warn(`operations: ${operationId} was taken over by another worker; ${workerId} leaves it`);
  return chainId;
}
