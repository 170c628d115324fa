// The app under a benchmark: built if the sources changed, served by `next start` on loopback, stopped
// with everything else the benchmark started.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildIfChanged } from '../../scripts/lib/build';
import { startChild, stopChildren, waitFor } from '../../scripts/lib/processes';

const root = path.resolve(import.meta.dirname, '../..');

export async function startBenchApp(port: number, env: Record<string, string>, onStdout?: (text: string) => void): Promise<{ base: string; server: ChildProcess }> {
  await buildIfChanged();
  const base = `http://127.0.0.1:${port}`;
  const server = startChild(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: { ...process.env, NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret!!', ...env },
    stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'inherit'],
  });
  if (onStdout) server.stdout?.on('data', (chunk: Buffer) => onStdout(chunk.toString()));
  await waitFor(async () => (await fetch(`${base}/login`)).ok, 60_000, 'The app');
  return { base, server };
}

/** Runs a benchmark's main, then stops what it started, whether it finished or failed. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => {
      stopChildren();
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      stopChildren();
      process.exit(1);
    },
  );
}
