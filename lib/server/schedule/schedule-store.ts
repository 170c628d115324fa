import 'server-only';
import { AsyncResource } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { nextRunAfter } from './schedule-time';
import type { JobSchedule } from './schedule-time';

// The rows behind the scheduler, one statement each, so that several workers (processes or machines) can
// share one table: claim a due job (FOR UPDATE SKIP LOCKED, as the operation queue claims an operation),
// renew the claim while it runs, finish it (only the holder), or ask for a run now. Times compared with the
// database's clock, like the queue's claims.

export type ScheduleRow = { name: string; schedule: JobSchedule; startupDue: boolean };

const wake = ((globalThis as unknown as { fleetpaneScheduleWake?: EventEmitter }).fleetpaneScheduleWake ??=
  new EventEmitter());

/** The wake signal of this process's scheduler (on globalThis: Next bundles pages and instrumentation apart). */
export function onScheduleWake(handler: () => void): () => void {
  // Bound to the scheduler's own context: "Run now" from a page must not make the job run as that request.
  const bound = AsyncResource.bind(handler);
  wake.on('wake', bound);
  return () => wake.off('wake', bound);
}

/**
 * Writes each job's row: a new one with its first run (now when due at start-up, else from the schedule); a
 * schedule changed in code replaces the stored one and its next run; otherwise the stored next run stays,
 * overdue or not (a job overdue after a restart is claimed once, at once), unless due at start-up.
 */
export async function syncSchedules(rows: ScheduleRow[], now = new Date()): Promise<void> {
  for (const row of rows) {
    const cron = 'cron' in row.schedule ? row.schedule.cron : null;
    const everySeconds = 'everySeconds' in row.schedule ? row.schedule.everySeconds : null;
    const next = row.startupDue ? now : nextRunAfter(row.schedule, now);
    await db.$executeRaw`
      INSERT INTO "Schedule" ("name", "cron", "everySeconds", "nextRunAt") VALUES (${row.name}, ${cron}, ${everySeconds}, ${next})
      ON CONFLICT ("name") DO UPDATE SET "cron" = EXCLUDED."cron", "everySeconds" = EXCLUDED."everySeconds",
        "nextRunAt" = CASE
          WHEN "Schedule"."cron" IS DISTINCT FROM EXCLUDED."cron"
            OR "Schedule"."everySeconds" IS DISTINCT FROM EXCLUDED."everySeconds" THEN EXCLUDED."nextRunAt"
          WHEN ${row.startupDue}::boolean THEN LEAST("Schedule"."nextRunAt", EXCLUDED."nextRunAt")
          ELSE "Schedule"."nextRunAt" END`;
  }
}

/**
 * Claims the most overdue of the named jobs that is due and not held under a live claim (one that ran out,
 * a dead worker's, counts as free). One statement: two workers never claim the same run.
 */
export async function claimDue(workerId: string, names: string[], claimMs: number): Promise<string | null> {
  if (names.length === 0) return null;
  const rows = await db.$queryRaw<{ name: string }[]>`
    UPDATE "Schedule" SET "lockedBy" = ${workerId}, "lockedUntil" = now() + ${`${claimMs} milliseconds`}::interval,
      "claimedAt" = now()
    WHERE "name" = (
      SELECT "name" FROM "Schedule"
      WHERE "name" IN (${Prisma.join(names)}) AND "nextRunAt" <= now()
        AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
      ORDER BY "nextRunAt" FOR UPDATE SKIP LOCKED LIMIT 1
    )
    RETURNING "name"`;
  return rows[0]?.name ?? null;
}

/** Extends a claim this worker still holds; false when it lost it (it ran out and another worker took over). */
export async function renewClaim(name: string, workerId: string, claimMs: number): Promise<boolean> {
  const renewed = await db.$executeRaw`
    UPDATE "Schedule" SET "lockedUntil" = now() + ${`${claimMs} milliseconds`}::interval
    WHERE "name" = ${name} AND "lockedBy" = ${workerId}`;
  return renewed > 0;
}

export type RunOutcome = { status: 'ok' | 'failed'; durationMs: number; detail?: string; error?: string };

/**
 * Records a finished run and frees the row, only if this worker still holds it (false otherwise). The next
 * run comes from the schedule, unless someone asked for an earlier one while it ran ("run now"): then that.
 */
export async function finishRun(name: string, workerId: string, outcome: RunOutcome, next: Date): Promise<boolean> {
  const ended = await db.$executeRaw`
    UPDATE "Schedule" SET "lockedBy" = NULL, "lockedUntil" = NULL,
      "lastStartedAt" = "claimedAt", "lastFinishedAt" = now(), "lastStatus" = ${outcome.status}::"ScheduleRunStatus",
      "lastDurationMs" = ${outcome.durationMs}, "lastError" = ${outcome.error ?? null}, "lastDetail" = ${outcome.detail ?? null},
      "nextRunAt" = CASE WHEN "nextRunAt" > "claimedAt" THEN LEAST("nextRunAt", ${next}) ELSE ${next} END
    WHERE "name" = ${name} AND "lockedBy" = ${workerId}`;
  return ended > 0;
}

/**
 * "Run now": the job is due at once. This process's scheduler is woken; others find it on their next poll.
 * Asked while the job runs, it runs once more right after. False for an unknown job.
 */
export async function requestRunNow(name: string, by?: { actor: Actor; ip: string | null }): Promise<boolean> {
  const updated = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ before: Date; after: Date }[]>`
      UPDATE "Schedule" s SET "nextRunAt" = now() FROM "Schedule" old
      WHERE s."name" = ${name} AND old."name" = s."name"
      RETURNING old."nextRunAt" AS "before", s."nextRunAt" AS "after"`;
    const row = rows[0];
    if (by) {
      await recordAuditEvent(
        {
          actor: by.actor,
          action: 'schedule.run-now',
          result: row ? 'ok' : 'failed',
          target: name,
          ip: by.ip,
          ...(row
            ? { before: { nextRunAt: row.before.toISOString() }, after: { nextRunAt: row.after.toISOString() } }
            : { detail: { reason: 'no such job' } }),
        },
        tx,
      );
    }
    return rows.length;
  });
  if (updated > 0) wake.emit('wake');
  return updated > 0;
}
