import 'server-only';
import { db } from '@/lib/server/db/client';

// The delivery queue's claim, as the operation queue's: a worker takes due notifications in one statement
// (FOR UPDATE SKIP LOCKED: two workers never take the same one) and marks them sending under a claim that
// runs out; only the holder ends one. A worker that died mid-send leaves a claim that runs out: the next
// worker takes it over and sends it again. Times are the database's clock.

/** How long a claim lasts; a send is cut off well within it (FLEETPANE_NOTIFICATION_CLAIM_MS for tests). */
export const CLAIM_MS = Number(process.env.FLEETPANE_NOTIFICATION_CLAIM_MS ?? 120_000);
/** How long one send may take before it counts as failed (and is tried again). */
export const SEND_TIMEOUT_MS = Math.max(
  200,
  Math.min(Number(process.env.FLEETPANE_NOTIFICATION_TIMEOUT_MS ?? 15_000), CLAIM_MS - 1_000),
);
export const MAX_ATTEMPTS = 12;

/** 30 s doubling per attempt, at most an hour, ±20 % so a fleet's retries do not arrive together. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Claims up to `limit` due notifications: queued and due, or sending under a claim that ran out. */
export async function claimNotifications(workerId: string, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Notification" SET "status" = 'sending', "lockedBy" = ${workerId},
      "lockedUntil" = now() + ${`${CLAIM_MS} milliseconds`}::interval, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Notification"
      WHERE ("status" = 'queued' AND "nextAttemptAt" <= now()) OR ("status" = 'sending' AND "lockedUntil" < now())
      ORDER BY "nextAttemptAt", "createdAt" FOR UPDATE SKIP LOCKED LIMIT ${limit}
    )
    RETURNING "id"`;
  return rows.map((r) => r.id);
}

export type DeliveryOutcome =
  { status: 'sent' } | { status: 'retry'; error: string; delayMs: number } | { status: 'failed'; error: string };

/** Ends this worker's claim on a notification; false when another worker took it over meanwhile. */
export async function finishNotification(id: string, workerId: string, outcome: DeliveryOutcome): Promise<boolean> {
  let n: number;
  if (outcome.status === 'sent') {
    n = await db.$executeRaw`
      UPDATE "Notification" SET "status" = 'sent', "sentAt" = now(), "lastError" = NULL, "lockedBy" = NULL, "lockedUntil" = NULL
      WHERE "id" = ${id}::uuid AND "lockedBy" = ${workerId} AND "status" = 'sending'`;
  } else if (outcome.status === 'retry') {
    n = await db.$executeRaw`
      UPDATE "Notification" SET "status" = 'queued', "lastError" = ${outcome.error}, "lockedBy" = NULL, "lockedUntil" = NULL,
        "nextAttemptAt" = now() + ${`${outcome.delayMs} milliseconds`}::interval
      WHERE "id" = ${id}::uuid AND "lockedBy" = ${workerId} AND "status" = 'sending'`;
  } else {
    n = await db.$executeRaw`
      UPDATE "Notification" SET "status" = 'failed', "lastError" = ${outcome.error}, "lockedBy" = NULL, "lockedUntil" = NULL
      WHERE "id" = ${id}::uuid AND "lockedBy" = ${workerId} AND "status" = 'sending'`;
  }
  return n > 0;
}
