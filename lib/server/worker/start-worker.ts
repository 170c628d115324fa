import 'server-only';
import { config } from '@/lib/config';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';

const state = globalThis as unknown as { fleetpaneWorker?: NodeJS.Timeout };

async function collectOnce(): Promise<void> {
  try {
    const r = await collectFleet();
    if (r.failedScopes.length) {
      console.warn(`collector: ${r.failedScopes.length} scope(s) failed: ${r.failedScopes.map((f) => `${f.scope} ${f.reason}`).join('; ')}`);
    }
  } catch (error) {
    // A failed pass must not stop the schedule: the next one may succeed.
    console.error(`collector: pass failed: ${(error as Error).message}`);
  }
}

/** Runs the collector now and on its schedule, in this process. */
export function runWorker(): void {
  if (state.fleetpaneWorker) return;
  void collectOnce();
  state.fleetpaneWorker = setInterval(() => void collectOnce(), config().collectIntervalSeconds * 1000);
}

export function startEmbeddedWorker(): void {
  if (config().worker === 'embedded') runWorker();
}
