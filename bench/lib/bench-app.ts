// The app under a benchmark: built if the sources changed, served on loopback the way npm start serves it
// (scripts/serve.ts), stopped with everything else the benchmark started.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildIfChanged } from '../../scripts/lib/build';
import { startChild, stopChildren, tsArgs, waitFor } from '../../scripts/lib/processes';

const root = path.resolve(import.meta.dirname, '../..');

export type BenchApp = { base: string; server: ChildProcess; webPids: () => number[]; stop: () => Promise<void> };

export async function startBenchApp(
  port: number,
  env: Record<string, string>,
  onStdout?: (text: string) => void,
): Promise<BenchApp> {
  await buildIfChanged();
  const base = `http://127.0.0.1:${port}`;
  const server = startChild(process.execPath, tsArgs(path.join(root, 'scripts/serve.ts')), {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret!!',
      ...env,
    },
    stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'inherit'],
  });
  if (onStdout) server.stdout?.on('data', (chunk: Buffer) => onStdout(chunk.toString()));
  await waitFor(async () => (await fetch(`${base}/login`)).ok, 60_000, 'The app');
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  return { base, server, webPids: () => webPids(server.pid!), stop };
}

/** The server processes (Next) under the pool that serve.ts runs. */
function webPids(pool: number): number[] {
  const children = readFileSync(`/proc/${pool}/task/${pool}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('next-server');
    } catch {
      return false;
    }
  });
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
