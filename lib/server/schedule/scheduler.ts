import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { checkSchedule, nextRunAfter } from './schedule-time';
import type { JobSchedule } from './schedule-time';
import { claimDue, finishRun, onScheduleWake, renewClaim, syncSchedules } from './schedule-store';
import type { RunOutcome } from './schedule-store';

// One durable scheduler for the recurring jobs (the collector pass, the nightly cost ingestion, and what
// comes next). Jobs are defined in code; their rows in the Schedule table say when each runs next and who
// runs it now. Every worker process runs a scheduler over the same rows: a due job is claimed in one
// statement, so it runs once across all of them; the claim is renewed while the job runs, and a worker that
// dies leaves a claim that runs out, for another worker to take over. A job overdue at start-up (the
// process was down when it was due) runs once, then on its schedule from then: never a burst of catch-ups.

export type Job = {
  name: string;
  schedule: JobSchedule;
  /** Due at every start-up (true), or at a start-up when this answers true (e.g. it never finished a run). */
  runAtStartup?: boolean | (() => Promise<boolean>);
  /** Does the work; answers a short line for the schedules page. The signal aborts when the claim is lost. */
  run: (context: { signal: AbortSignal }) => Promise<string>;
};

export type SchedulerOptions = {
  /** Who holds a claim, shown on the page (default: host, pid and a random part). */
  workerId?: string;
  /** How often other processes' "run now" and due jobs are looked for. */
  pollMs?: number;
  /** How long a claim lasts unless renewed (every quarter of it): a dead worker's job is free after that. */
  claimMs?: number;
};

export type Scheduler = {
  workerId: string;
  /** Starts polling and listening for "run now"; the jobs' rows are written first. */
  start(): void;
  /** Claims and runs every job due now (rows written first, once); resolves when those runs have ended. */
  runDue(): Promise<string[]>;
  /** Stops polling and waits for the runs under way to end. */
  stop(): Promise<void>;
};

// FLEETPANE_SCHEDULE_CLAIM_MS: shorter in the crash tests, so a killed worker's job is free sooner.
const CLAIM_MS = Number(process.env.FLEETPANE_SCHEDULE_CLAIM_MS ?? 60_000);
const POLL_MS = 1_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createScheduler(jobs: Job[], options: SchedulerOptions = {}): Scheduler {
  for (const job of jobs) checkSchedule(job.name, job.schedule);
  if (new Set(jobs.map((j) => j.name)).size !== jobs.length) throw new Error('Two jobs share a name.');
  const workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const claimMs = options.claimMs ?? CLAIM_MS;
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const running = new Map<string, Promise<void>>();
  let synced: Promise<void> | undefined;
  let ticking: Promise<string[]> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let unlisten: (() => void) | undefined;

  const sync = () =>
    (synced ??= (async () => {
      const now = new Date();
      const rows = [];
      for (const job of jobs) {
        const due = typeof job.runAtStartup === 'function' ? await job.runAtStartup() : !!job.runAtStartup;
        rows.push({ name: job.name, schedule: job.schedule, startupDue: due });
      }
      await syncSchedules(rows, now);
    })().catch((error: unknown) => {
      synced = undefined; // tried again on the next poll
      throw error;
    }));

  async function execute(job: Job): Promise<void> {
    const started = new Date();
    const abort = new AbortController();
    const heartbeat = setInterval(() => {
      void renewClaim(job.name, workerId, claimMs)
        .then((held) => {
          if (!held) abort.abort(new Error(`the claim on "${job.name}" was lost`));
        })
        .catch(() => undefined);
    }, claimMs / 4);
    let outcome: RunOutcome;
    try {
      const detail = await job.run({ signal: abort.signal });
      outcome = { status: 'ok', detail, durationMs: Date.now() - started.getTime() };
    } catch (error) {
      console.warn(`schedule: ${job.name} failed: ${message(error)}`);
      outcome = { status: 'failed', error: message(error), durationMs: Date.now() - started.getTime() };
    } finally {
      clearInterval(heartbeat);
    }
    const finished = new Date();
    const written = await finishRun(job.name, workerId, outcome, nextRunAfter(job.schedule, finished, started));
    if (!written) console.warn(`schedule: ${job.name} was taken over by another worker; ${workerId} leaves it`);
  }

  async function claimAll(): Promise<string[]> {
    await sync();
    const claimed: string[] = [];
    while (!stopped) {
      const name = await claimDue(
        workerId,
        [...byName.keys()].filter((n) => !running.has(n)),
        claimMs,
      );
      if (!name) break;
      claimed.push(name);
      // Jobs run side by side: a long cost ingestion does not hold up the collector.
      const run = execute(byName.get(name)!)
        .catch((error: unknown) => console.error(`schedule: ${name}: ${message(error)}`))
        .finally(() => running.delete(name));
      running.set(name, run);
    }
    return claimed;
  }

  const tick = (): Promise<string[]> =>
    (ticking ??= claimAll().finally(() => {
      ticking = undefined;
    }));
  const poll = () => void tick().catch((error: unknown) => console.error(`schedule: ${workerId}: ${message(error)}`));

  return {
    workerId,
    start() {
      if (timer || stopped) return;
      timer = setInterval(poll, options.pollMs ?? POLL_MS);
      unlisten = onScheduleWake(poll);
      poll();
    },
    async runDue() {
      const claimed = await tick();
      await Promise.all([...running.values()]);
      return claimed;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      unlisten?.();
      await ticking?.catch(() => undefined);
      await Promise.all([...running.values()]);
    },
  };
}
