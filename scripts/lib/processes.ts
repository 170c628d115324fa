// Child processes of npm start / npm test: started in order, all stopped on exit or on a signal.
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { ConfigError } from '../../lib/config';

const children = new Set<ChildProcess>();

export function startChild(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function stopChildren(): void {
  for (const child of children) child.kill('SIGTERM');
}

/** Runs a program to its end; rejects with its exit code. */
export function runChild(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = startChild(command, args, options);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path(command, args)} ended with ${signal ?? `exit code ${code}`}`)),
    );
  });
}

function path(command: string, args: string[]): string {
  return [command, ...args].join(' ').replace(process.execPath, 'node');
}

/** A TypeScript program of scripts/, run the way scripts/run.mjs runs them. */
export function tsArgs(script: string, args: string[] = []): string[] {
  return ['--conditions=react-server', '--import', 'tsx', script, ...args];
}

/** Ends the program with one sentence for a configuration problem, a short message otherwise. */
export function exitOnError(error: unknown): never {
  stopChildren();
  if (error instanceof ConfigError) console.error(`\n${error.message}\n`);
  else console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopChildren();
    process.exit(130);
  });
}
process.on('exit', stopChildren);

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof ConfigError) throw error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s.`);
}
