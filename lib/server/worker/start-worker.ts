import 'server-only';
import { config } from '@/lib/config';
import { startOperationRunner } from '@/lib/server/operations/operation-runner';
import { workerJobs } from '@/lib/server/schedule/jobs';
import { createScheduler } from '@/lib/server/schedule/scheduler';
import type { Scheduler } from '@/lib/server/schedule/scheduler';

// The background work of a process: the operation queue's runner and the scheduler of recurring jobs (the
// collector, the nightly cost ingestion). Any number of processes may run it: both claim rows, so nothing
// runs twice.

const state = globalThis as unknown as { fleetpaneWorker?: Scheduler };

/** Starts the operation runner and the scheduler in this process (once). */
export function runWorker(): void {
  if (state.fleetpaneWorker) return;
  startOperationRunner();
  const scheduler = createScheduler(workerJobs());
  scheduler.start();
  state.fleetpaneWorker = scheduler;
}

export function startEmbeddedWorker(): void {
  if (config().worker === 'embedded') runWorker();
}
