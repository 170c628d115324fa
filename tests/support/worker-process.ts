// Worker processes (`scripts/worker.ts`) for the crash tests: started with the test's environment plus short
// claims, killed with SIGKILL by the test, and all killed when it ends. They need a PostgreSQL server.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { tsArgs } from '../../scripts/lib/processes';

const root = path.resolve(import.meta.dirname, '../..');

export function workerProcesses() {
  const children: ChildProcess[] = [];
  return {
    /** A worker with the collector out of the way (a day between passes) and these settings on top. */
    start(env: Record<string, string>): ChildProcess {
      const child = spawn(process.execPath, tsArgs(path.join(root, 'scripts/worker.ts')), {
        cwd: root,
        env: { ...process.env, FLEETPANE_COLLECT_INTERVAL_SECONDS: '86400', ...env },
        stdio: process.env.FLEETPANE_TEST_WORKER_OUTPUT ? 'inherit' : 'ignore',
      });
      children.push(child);
      return child;
    },
    killAll(): void {
      for (const c of children) c.kill('SIGKILL');
    },
  };
}

/** Polls until the check answers something truthy, and answers it; throws after `ms`. */
export async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  ms = 60_000,
  everyMs = 50,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
