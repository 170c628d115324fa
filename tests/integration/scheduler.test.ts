// The scheduler of recurring jobs on the real database: claims across workers, missed runs, dead workers,
// run now, and the two jobs the worker runs (collector, cost ingestion) against the emulator.
import { setTimeout as sleep } from 'node:timers/promises';
import { Cron } from 'croner';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { workerJobs } from '@/lib/server/schedule/jobs';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';
import { createScheduler } from '@/lib/server/schedule/scheduler';
import type { Job, Scheduler, SchedulerOptions } from '@/lib/server/schedule/scheduler';
import { requireEmulator } from '../support/aws';

const schedulers: Scheduler[] = [];
function scheduler(jobs: Job[], options: SchedulerOptions = {}): Scheduler {
  const s = createScheduler(jobs, { pollMs: 60_000, ...options });
  schedulers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
});

/** A job that counts its runs (in whichever scheduler they happen) and takes `ms` to run. */
function countingJob(name: string, schedule: Job['schedule'], options: { ms?: number; runAtStartup?: boolean } = {}) {
  const runs: number[] = [];
  const job = (): Job => ({
    name,
    schedule,
    runAtStartup: options.runAtStartup,
    run: async () => {
      runs.push(Date.now());
      await sleep(options.ms ?? 0);
      return `run ${runs.length}`;
    },
  });
  return { runs, job };
}

const row = (name: string) => db.schedule.findUniqueOrThrow({ where: { name } });
const nightly = (from: Date) => new Cron('0 2 * * *', { timezone: 'UTC' }).nextRun(from)!;

async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(25);
  }
}

describe('scheduler', () => {
  it('runs a due job once when two workers race for it', async () => {
    const { runs, job } = countingJob('race', { everySeconds: 3_600 }, { ms: 200, runAtStartup: true });
    const workers = ['worker-a', 'worker-b', 'worker-c', 'worker-d'].map((workerId) =>
      scheduler([job()], { workerId }),
    );
    // Two at the same instant, two while the run is under way.
    const delays = [0, 0, 60, 120];
    const claimed = await Promise.all(workers.map(async (w, i) => (await sleep(delays[i]), w.runDue())));
    expect(runs).toHaveLength(1);
    expect(claimed.flat()).toEqual(['race']);
    const r = await row('race');
    expect(r).toMatchObject({ lastStatus: 'ok', lastDetail: 'run 1', lockedBy: null, lockedUntil: null });
    // Next run: an hour after the start.
    expect(r.nextRunAt.getTime() - r.lastStartedAt!.getTime()).toBeGreaterThanOrEqual(3_600_000 - 1_000);
    expect(r.nextRunAt.getTime() - r.lastStartedAt!.getTime()).toBeLessThanOrEqual(3_600_000 + 1_000);
    expect(r.lastDurationMs).toBeGreaterThanOrEqual(200);
    // Nothing is due any more, for any of them.
    expect((await Promise.all(workers.map((w) => w.runDue()))).flat()).toEqual([]);
  });

  it('runs a job overdue at start-up once, then at its next time in UTC (no catch-up burst)', async () => {
    // As after a restart: the process was down for the last three nightly runs.
    await db.schedule.create({
      data: { name: 'missed', cron: '0 2 * * *', nextRunAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    const { runs, job } = countingJob('missed', { cron: '0 2 * * *' });
    const s = scheduler([job()]);
    expect(await s.runDue()).toEqual(['missed']);
    expect(await s.runDue()).toEqual([]);
    expect(runs).toHaveLength(1);
    const r = await row('missed');
    expect(r.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(r.nextRunAt).toEqual(nightly(r.lastFinishedAt!));
    expect([r.nextRunAt.getUTCHours(), r.nextRunAt.getUTCMinutes()]).toEqual([2, 0]);
    expect(r.nextRunAt.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it('waits for the schedule when not due at start-up, and follows a schedule changed in code', async () => {
    const first = countingJob('changing', { cron: '0 2 * * *' });
    const before = new Date();
    expect(await scheduler([first.job()]).runDue()).toEqual([]);
    expect((await row('changing')).nextRunAt).toEqual(nightly(before));
    // A new release runs it at 04:30 instead: the row follows, the next run recomputed.
    const second = countingJob('changing', { cron: '30 4 * * *' });
    expect(await scheduler([second.job()]).runDue()).toEqual([]);
    const r = await row('changing');
    expect(r).toMatchObject({ cron: '30 4 * * *', everySeconds: null });
    expect([r.nextRunAt.getUTCHours(), r.nextRunAt.getUTCMinutes()]).toEqual([4, 30]);
    expect(r.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    // And to an interval.
    await scheduler([countingJob('changing', { everySeconds: 90 }).job()]).runDue();
    expect(await row('changing')).toMatchObject({ cron: null, everySeconds: 90 });
    expect(first.runs.length + second.runs.length).toBe(0);
  });

  it("takes over a dead worker's claim once it has run out, never a live one", async () => {
    const past = new Date(Date.now() - 60_000);
    await db.schedule.create({
      data: {
        name: 'orphan',
        everySeconds: 600,
        nextRunAt: past,
        lockedBy: 'dead-worker',
        lockedUntil: new Date(Date.now() + 60_000),
      },
    });
    const { runs, job } = countingJob('orphan', { everySeconds: 600 });
    const s = scheduler([job()], { workerId: 'survivor' });
    expect(await s.runDue()).toEqual([]);
    // The dead worker's claim runs out.
    await db.schedule.update({ where: { name: 'orphan' }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    expect(await s.runDue()).toEqual(['orphan']);
    expect(runs).toHaveLength(1);
    expect(await row('orphan')).toMatchObject({ lockedBy: null, lastStatus: 'ok' });
  });

  it('renews its claim while a long job runs, so no other worker starts it meanwhile', async () => {
    const { runs, job } = countingJob('long', { everySeconds: 3_600 }, { ms: 1_500, runAtStartup: true });
    const holder = scheduler([job()], { workerId: 'holder', claimMs: 400 });
    const other = scheduler([job()], { workerId: 'other', claimMs: 400 });
    const holding = holder.runDue();
    await until(() => runs.length === 1);
    for (let i = 0; i < 4; i++) {
      await sleep(300); // past the first claim's 400 ms by now: only its renewal keeps it
      expect(await other.runDue()).toEqual([]);
      expect(await row('long')).toMatchObject({ lockedBy: 'holder' });
    }
    await holding;
    expect(runs).toHaveLength(1);
    expect(await row('long')).toMatchObject({ lockedBy: null, lastStatus: 'ok' });
  });

  it('runs a job at once on "run now", woken without waiting for the poll', async () => {
    const { runs, job } = countingJob('on-demand', { cron: '0 2 * * *' });
    const s = scheduler([job()]);
    s.start();
    await until(async () => (await db.schedule.count({ where: { name: 'on-demand' } })) === 1);
    await sleep(100);
    expect(runs).toHaveLength(0);
    expect(await requestRunNow('on-demand')).toBe(true);
    await until(() => runs.length === 1);
    await until(async () => (await row('on-demand')).lastStatus === 'ok');
    expect((await row('on-demand')).nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(await requestRunNow('no-such-job')).toBe(false);
  });

  it('records a failed run with its error, and schedules the next one as usual', async () => {
    const s = scheduler([
      {
        name: 'broken',
        schedule: { everySeconds: 300 },
        runAtStartup: true,
        run: () => Promise.reject(new Error('Cost Explorer said no')),
      },
    ]);
    expect(await s.runDue()).toEqual(['broken']);
    const r = await row('broken');
    expect(r).toMatchObject({
      lastStatus: 'failed',
      lastError: 'Cost Explorer said no',
      lastDetail: null,
      lockedBy: null,
    });
    expect(r.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 290_000);
  });

  it('runs the collector, the flags read-back and the cost ingestion through the scheduler against the emulator', async () => {
    requireEmulator();
    const fleet = buildDemoFleet();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
    const first = scheduler(workerJobs(), { workerId: 'first' });
    expect((await first.runDue()).sort()).toEqual([
      'alert-deliveries',
      'alerts',
      'collector',
      'cost-ingest',
      'flag-drift',
      'flag-rollouts',
      'health-history',
    ]);
    expect(await db.collectorRun.count({ where: { finishedAt: { not: null } } })).toBe(1);
    expect(await db.costIngestRun.count({ where: { finishedAt: { not: null } } })).toBe(1);
    const collector = await row('collector');
    expect(collector).toMatchObject({ everySeconds: 60, lastStatus: 'ok', lockedBy: null });
    expect(collector.lastDetail).toMatch(/^16 chains, \d+ AWS calls/);
    const ingest = await row('cost-ingest');
    expect(ingest).toMatchObject({ cron: '0 2 * * *', lastStatus: 'ok', lockedBy: null });
    expect(ingest.nextRunAt).toEqual(nightly(ingest.lastFinishedAt!));
    // The pass started the chains' health history, so that job is due again at once; then nothing is (but the
    // alert deliveries, every 5 s, whenever that has passed, and the alert rules, which every pass asks for).
    const besidesDeliveries = (names: string[]) => names.filter((n) => n !== 'alert-deliveries' && n !== 'alerts');
    expect(besidesDeliveries(await first.runDue())).toEqual(['health-history']);
    expect(besidesDeliveries(await first.runDue())).toEqual([]);
    // A restarted worker collects (and goes on with the history) at start-up; the ingestion has finished since
    // 02:00, so it waits.
    await first.stop();
    const restarted = scheduler(workerJobs(), { workerId: 'restarted' });
    // The nightly check too: the fleet has been read and no scheduled check has run since the last 03:00.
    expect((await restarted.runDue()).sort()).toEqual([
      'alert-deliveries',
      'alerts',
      'collector',
      'flag-drift',
      'flag-rollouts',
      'health-history',
      'nightly-check',
    ]);
    expect(await db.collectorRun.count()).toBe(2);
    expect(await db.costIngestRun.count()).toBe(1);
  });
});
