import 'server-only';
import { config } from '@/lib/config';
import { ingestCostsIfDue } from '@/lib/server/finance/ingest-schedule';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { startOperationRunner } from '@/lib/server/operations/operation-runner';

const state = globalThis as unknown as { fleetpaneWorker?: NodeJS.Timeout };

async function collectOnce(): Promise<void> {
  try {
    const r = await collectFleet();
    if (r.failedScopes.length) {
      console.warn(
        `collector: ${r.failedScopes.length} scope(s) failed: ${r.failedScopes.map((f) => `${f.scope} ${f.reason}`).join('; ')}`,
      );
    }
  } catch (error) {
    // A failed pass must not stop the schedule: the next one may succeed.
    console.error(`collector: pass failed: ${(error as Error).message}`);
  }
}

const COST_CHECK_MS = 10 * 60_000;

async function ingestIfDue(): Promise<void> {
  try {
    const r = await ingestCostsIfDue();
    if (r?.failures.length)
      console.warn(`cost ingestion: ${r.failures.map((f) => `${f.account} ${f.reason}`).join('; ')}`);
  } catch (error) {
    console.error(`cost ingestion failed: ${(error as Error).message}`);
  }
}

/** Runs the collector now and on its schedule, and the nightly cost ingestion, in this process. */
export function runWorker(): void {
  if (state.fleetpaneWorker) return;
  void collectOnce();
  void ingestIfDue();
  startOperationRunner();
  state.fleetpaneWorker = setInterval(() => void collectOnce(), config().collectIntervalSeconds * 1000);
  setInterval(() => void ingestIfDue(), COST_CHECK_MS);
}

export function startEmbeddedWorker(): void {
  if (config().worker === 'embedded') runWorker();
}
