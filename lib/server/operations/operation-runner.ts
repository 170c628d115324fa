import 'server-only';
import { isQueueType, operationCatalog } from '@/lib/operations/catalog';
import { collectChains } from '@/lib/server/fleet/collect-fleet';
import { drain, startRunner } from './kernel/runner';
import type { RunnerHooks } from './kernel/runner';
import { operationRegistry } from './types';
import { advanceWaves } from './waves';

// This app's queue: the kernel's runner with its operation types, waves moved on between operations, and
// a finished operation's chain refreshed at once (its own, not the fleet's) unless it changed nothing the collector
// reads (a flag delivery: a rollout over the fleet must not cost a collector read per chain).

const hooks: RunnerHooks = {
  registry: operationRegistry,
  between: advanceWaves,
  afterFinish: (chainId, type) => {
    if (isQueueType(type) && operationCatalog[type].changesDeployment === false) return;
    void collectChains([chainId]).catch(() => undefined);
  },
};

/** Claims and runs operations one after another, moving waves on between them, until none is left. */
export function drainOperations(workerId: string): Promise<number> {
  return drain(workerId, hooks);
}

/** The runner of this process: woken by a request, and polling for other processes' requests and orphans. */
export function startOperationRunner(): void {
  startRunner(hooks);
}
