import { afterEach, describe, expect, it } from 'vitest';
import { checkSchedule, describeSchedule, nextRunAfter } from '@/lib/server/schedule/schedule-time';

const at = (iso: string) => new Date(iso);
const tz = process.env.TZ;
afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

describe('next run of a schedule', () => {
  it('reads cron expressions in UTC, whatever the server time zone', () => {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
      process.env.TZ = zone;
      expect(nextRunAfter({ cron: '0 2 * * *' }, at('2026-12-01T01:59:59Z'))).toEqual(at('2026-12-01T02:00:00Z'));
      expect(nextRunAfter({ cron: '0 2 * * *' }, at('2026-12-01T02:00:00Z'))).toEqual(at('2026-12-02T02:00:00Z'));
      // Across a daylight-saving change elsewhere (New York, 8 March 2026): still 02:00 UTC.
      expect(nextRunAfter({ cron: '0 2 * * *' }, at('2026-03-08T03:00:00Z'))).toEqual(at('2026-03-09T02:00:00Z'));
    }
  });

  it('never makes up missed runs: the next cron time after the end of the run', () => {
    // Overdue by three days, run now (10:15): next is tomorrow 02:00, not the three missed ones.
    expect(nextRunAfter({ cron: '0 2 * * *' }, at('2026-12-04T10:15:00Z'))).toEqual(at('2026-12-05T02:00:00Z'));
    expect(nextRunAfter({ cron: '30 3 * * 1' }, at('2026-12-02T00:00:00Z'))).toEqual(at('2026-12-07T03:30:00Z'));
  });

  it('counts an interval from the start of the run, or runs at once after a run longer than it', () => {
    const start = at('2026-12-01T10:00:00Z');
    expect(nextRunAfter({ everySeconds: 60 }, at('2026-12-01T10:00:05Z'), start)).toEqual(at('2026-12-01T10:01:00Z'));
    expect(nextRunAfter({ everySeconds: 60 }, at('2026-12-01T10:03:00Z'), start)).toEqual(at('2026-12-01T10:03:00Z'));
    expect(nextRunAfter({ everySeconds: 60 }, start)).toEqual(at('2026-12-01T10:01:00Z'));
  });

  it('refuses a schedule that cannot run, naming the job', () => {
    expect(() => checkSchedule('nightly', { cron: 'at two' })).toThrow(/Job "nightly": the cron expression "at two"/);
    expect(() => checkSchedule('fast', { everySeconds: 0 })).toThrow(/Job "fast"/);
    expect(() => checkSchedule('ok', { cron: '0 2 * * *' })).not.toThrow();
  });

  it('says the schedule in words', () => {
    expect(describeSchedule({ everySeconds: 60 })).toBe('every minute');
    expect(describeSchedule({ everySeconds: 90 })).toBe('every 90 s');
    expect(describeSchedule({ everySeconds: 300 })).toBe('every 5 min');
    expect(describeSchedule({ cron: '0 2 * * *' })).toBe('daily at 02:00 UTC');
    expect(describeSchedule({ cron: '30 3 * * 1' })).toBe('Mondays at 03:30 UTC');
    expect(describeSchedule({ cron: '15 * * * *' })).toBe('hourly at minute 15');
    expect(describeSchedule({ cron: '0 2 1 * *' })).toBe('cron "0 2 1 * *" (UTC)');
  });
});
