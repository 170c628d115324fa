import 'server-only';
import { Cron } from 'croner';

// When a recurring job runs next, and its schedule in words. Pure: the scheduler, the page and the unit
// tests share it. Cron expressions are read in UTC (croner), whatever the server's time zone.

export type JobSchedule = { cron: string } | { everySeconds: number };

function cronOf(expression: string): Cron {
  // Without a function croner starts no timer: it only computes dates.
  return new Cron(expression, { timezone: 'UTC', mode: '5-or-6-parts' });
}

/** Throws, naming the job, when a schedule cannot run (a bad cron expression, an interval under 1 s). */
export function checkSchedule(name: string, schedule: JobSchedule): void {
  if ('cron' in schedule) {
    try {
      if (!cronOf(schedule.cron).nextRun(new Date())) throw new Error('it never fires');
    } catch (error) {
      throw new Error(
        `Job "${name}": the cron expression "${schedule.cron}" is invalid (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    }
  } else if (!Number.isInteger(schedule.everySeconds) || schedule.everySeconds < 1) {
    throw new Error(`Job "${name}": everySeconds must be a whole number of seconds, at least 1`);
  }
}

/**
 * The run after one that started at `startedAt` and ended at `finishedAt` (default: both now). A cron job
 * runs at its next time after the end; an interval job `everySeconds` after the start, or at once when the
 * run took longer than that. Either way a missed run is never made up more than once.
 */
export function nextRunAfter(schedule: JobSchedule, finishedAt = new Date(), startedAt = finishedAt): Date {
  if ('cron' in schedule) return cronOf(schedule.cron).nextRun(finishedAt) ?? new Date(8.64e15);
  const next = startedAt.getTime() + schedule.everySeconds * 1000;
  return new Date(Math.max(next, finishedAt.getTime()));
}

const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const two = (n: string) => n.padStart(2, '0');
const isNumber = (s: string) => /^\d+$/.test(s);

function interval(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? 'every day' : `every ${seconds / 86_400} days`;
  if (seconds % 3_600 === 0) return seconds === 3_600 ? 'every hour' : `every ${seconds / 3_600} h`;
  if (seconds % 60 === 0) return seconds === 60 ? 'every minute' : `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

/** "every 60 s", "daily at 02:00 UTC", "Mondays at 03:30 UTC"; otherwise the expression itself. */
export function describeSchedule(schedule: JobSchedule): string {
  if (!('cron' in schedule)) return interval(schedule.everySeconds);
  const parts = schedule.cron.trim().split(/\s+/);
  if (parts.length === 5) {
    const [minute, hour, dom, month, dow] = parts as [string, string, string, string, string];
    const everyDay = dom === '*' && month === '*';
    if (everyDay && isNumber(minute) && isNumber(hour)) {
      const at = `${two(hour)}:${two(minute)} UTC`;
      if (dow === '*') return `daily at ${at}`;
      if (isNumber(dow) && Number(dow) <= 7) return `${days[Number(dow) % 7]}s at ${at}`;
    }
    if (everyDay && dow === '*' && isNumber(minute) && hour === '*') return `hourly at minute ${Number(minute)}`;
  }
  return `cron "${schedule.cron}" (UTC)`;
}
