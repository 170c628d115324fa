import 'server-only';
import { randomUUID } from 'node:crypto';
import { claimOperation } from './claim';
import { runOperation } from './run-operation';
import type { RunHooks } from './run-operation';
import { onWake } from './wake';

// The runner: claims and runs operations one after another until none is left, woken by a request in this
// process and polling for other processes' requests and for orphans. It knows no type: the registry and
// what to do between operations (moving waves on) are given to it.

const IDLE_POLL_MS = 1_000;

export type RunnerHooks = RunHooks & { between?: () => Promise<void> };

/** Claims and runs operations until none is left; returns how many ran. */
export async function drain(workerId: string, hooks: RunnerHooks): Promise<number> {
  let ran = 0;
  for (;;) {
    await hooks.between?.();
    const id = await claimOperation(workerId);
    if (!id) break;
    await runOperation(id, workerId, hooks);
    ran += 1;
  }
  await hooks.between?.();
  return ran;
}

const state = globalThis as unknown as { fleetpaneRunner?: { stop: () => void } };

/** Starts this process's runner once. */
export function startRunner(hooks: RunnerHooks): void {
  if (state.fleetpaneRunner) return;
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await drain(workerId, hooks);
    } catch (error) {
      console.error(`operations: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), IDLE_POLL_MS);
  const stopWaking = onWake(() => void tick());
  state.fleetpaneRunner = { stop: () => (clearInterval(timer), stopWaking()) };
  void tick();
}
