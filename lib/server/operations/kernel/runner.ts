import 'server-only';
import { randomUUID } from 'node:crypto';
import { claimOperation } from './claim';
import { runOperation } from './run-operation';
import type { RunHooks } from './run-operation';
import { onWake } from './wake';

// The runner: claims operations and runs several side by side (each holds its chain's locks, so two never
// touch the same resources), woken by a request in this process and polling for other processes' requests
// and for orphans. One chain whose AWS hangs holds one slot, not the queue. It knows no type: the registry
// and what to do between operations (moving waves on) are given to it; the pool never runs `between` twice at
// once (a request may move waves on meanwhile: advanceWaves is safe to repeat, its keys make each step once).

const IDLE_POLL_MS = 1_000;
/** Operations one process runs at once: most of their time is spent waiting for AWS, not on this CPU. */
const slotsSetting = Number(process.env.FLEETPANE_OPERATION_SLOTS ?? 4);
export const RUNNER_SLOTS = Number.isInteger(slotsSetting) && slotsSetting >= 1 ? slotsSetting : 4;

export type RunnerHooks = RunHooks & { between?: () => Promise<void> };

type Pool = {
  /** Moves waves on and claims until the slots are full or nothing is runnable; one fill at a time. */
  fill: () => Promise<void>;
  /** The runs under way, by operation id. */
  running: Map<string, Promise<void>>;
  ran: () => number;
  errors: unknown[];
};

function pool(workerId: string, hooks: RunnerHooks, slots: number): Pool {
  const running = new Map<string, Promise<void>>();
  const errors: unknown[] = [];
  let ran = 0;
  let filling: Promise<void> | null = null;
  let again = false;
  const claimAll = async () => {
    do {
      again = false;
      await hooks.between?.();
      while (running.size < slots) {
        const id = await claimOperation(workerId, [...running.keys()]);
        if (!id) break;
        const run: Promise<void> = runOperation(id, workerId, hooks)
          .catch((error: unknown) => {
            if (errors.length < 10) errors.push(error); // for drain; a long-lived runner only logs
            console.error(`operations: ${id}: ${(error as Error).message}`);
          })
          .finally(() => {
            running.delete(id);
            ran += 1;
            // A freed slot, and perhaps a wave's batch finished: claim again.
            void fill().catch((error: unknown) => console.error(`operations: ${(error as Error).message}`));
          });
        running.set(id, run);
      }
    } while (again);
  };
  const fill = (): Promise<void> => {
    if (filling) {
      // Asked while filling: the fill goes round once more, so work queued meanwhile is not left for the poll.
      again = true;
      return filling;
    }
    filling = claimAll().finally(() => {
      filling = null;
      // Asked between the last round's check and here: go round again rather than wait for the poll.
      if (again) void fill().catch((error: unknown) => console.error(`operations: ${(error as Error).message}`));
    });
    return filling;
  };
  return { fill, running, ran: () => ran, errors };
}

/** Claims and runs operations until none is left (several at once); returns how many ran. */
export async function drain(workerId: string, hooks: RunnerHooks, slots = RUNNER_SLOTS): Promise<number> {
  const p = pool(workerId, hooks, slots);
  // An error claiming or between operations ends the drain only once what runs has ended.
  const fill = () => p.fill().catch((error: unknown) => void p.errors.push(error));
  await fill();
  while (p.running.size > 0) {
    await Promise.race(p.running.values());
    await fill();
  }
  await hooks.between?.();
  if (p.errors.length) throw p.errors[0];
  return p.ran();
}

const state = globalThis as unknown as { fleetpaneRunner?: { stop: () => void } };

/** Starts this process's runner once. */
export function startRunner(hooks: RunnerHooks): void {
  if (state.fleetpaneRunner) return;
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const p = pool(workerId, hooks, RUNNER_SLOTS);
  const tick = () => void p.fill().catch((error: unknown) => console.error(`operations: ${(error as Error).message}`));
  const timer = setInterval(tick, IDLE_POLL_MS);
  const stopWaking = onWake(tick);
  state.fleetpaneRunner = { stop: () => (clearInterval(timer), stopWaking()) };
  tick();
}
