import 'server-only';
import { db } from '@/lib/server/db/client';
import { describeSchedule } from './schedule-time';
import type { JobSchedule } from './schedule-time';

// What the schedules page shows of each recurring job: its schedule in words, the last finished run, the
// next run, and whether a worker runs it now. Times as ISO strings (UTC).

export type ScheduleView = {
  name: string;
  /** "daily at 02:00 UTC", "every minute". */
  schedule: string;
  /** The cron expression or the interval as written in code. */
  expression: string;
  nextRunAt: string;
  /** Due now and not yet claimed (a worker takes it within a second or so). */
  due: boolean;
  running: { by: string; since: string | null } | null;
  /** A claim that ran out without a result: its worker stopped mid-run; the job runs again. */
  abandonedBy: string | null;
  last: {
    startedAt: string | null;
    finishedAt: string;
    durationMs: number | null;
    status: 'ok' | 'failed';
    error: string | null;
    detail: string | null;
  } | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function findSchedules(now = new Date()): Promise<ScheduleView[]> {
  const rows = await db.schedule.findMany({ orderBy: { name: 'asc' } });
  return rows.map((r) => {
    const schedule: JobSchedule = r.cron !== null ? { cron: r.cron } : { everySeconds: r.everySeconds ?? 0 };
    const live = !!r.lockedBy && !!r.lockedUntil && r.lockedUntil > now;
    return {
      name: r.name,
      schedule: describeSchedule(schedule),
      expression: r.cron ?? `${r.everySeconds} s`,
      nextRunAt: r.nextRunAt.toISOString(),
      due: !live && r.nextRunAt <= now,
      running: live ? { by: r.lockedBy!, since: iso(r.claimedAt) } : null,
      abandonedBy: !live && r.lockedBy ? r.lockedBy : null,
      last:
        r.lastFinishedAt && r.lastStatus
          ? {
              startedAt: iso(r.lastStartedAt),
              finishedAt: r.lastFinishedAt.toISOString(),
              durationMs: r.lastDurationMs,
              status: r.lastStatus,
              error: r.lastError,
              detail: r.lastDetail,
            }
          : null,
    };
  });
}
