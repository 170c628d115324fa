import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProcessPool } from '../../scripts/lib/process-pool';
import type { ProcessPool } from '../../scripts/lib/process-pool';

// The pool behind scripts/serve.ts (FLEETPANE_WEB_PROCESSES), with a stand-in server that answers its pid.
const exec = path.resolve(import.meta.dirname, '../support/pid-server.mjs');
const port = 4590;
let pool: ProcessPool | undefined;

afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

/** One request on a new connection (a kept-alive one would stay with one process); the pid that answered. */
function ask(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(Number(body)));
      })
      .on('error', reject);
  });
}

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    try {
      const value = await read();
      if (ok(value)) return value;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

const quiet = () => {};

/** The pids that answered a round of requests, in order. */
async function answering(requests: number): Promise<number[]> {
  const pids = new Set<number>();
  for (let i = 0; i < requests; i++) pids.add(await ask());
  return [...pids].sort((a, b) => a - b);
}

const sorted = (pids: number[]) => [...pids].sort((a, b) => a - b);

describe('the server process pool', () => {
  it('serves one port from every process, in turn', async () => {
    pool = startProcessPool({ exec, args: [String(port)], processes: 3, onGiveUp: quiet, log: quiet });
    await until(
      () => pool!.pids(),
      (pids) => pids.length === 3,
    );
    // Each process answers once it listens; then the connections go round all of them.
    expect(
      await until(
        () => answering(30),
        (pids) => pids.length === 3,
      ),
    ).toEqual(sorted(pool.pids()));
  });

  it('replaces a process that dies, and keeps serving', async () => {
    const logged: string[] = [];
    pool = startProcessPool({
      exec,
      args: [String(port)],
      processes: 2,
      onGiveUp: quiet,
      log: (line) => logged.push(line),
    });
    const before = await until(
      () => pool!.pids(),
      (pids) => pids.length === 2,
    );
    await until(ask, Number.isInteger);
    process.kill(before[0]!, 'SIGKILL');
    const after = await until(
      () => pool!.pids(),
      (pids) => pids.length === 2 && !pids.includes(before[0]!),
    );
    expect(after).toContain(before[1]);
    expect(logged.join('\n')).toContain(`Server process ${before[0]} ended (SIGKILL); starting another.`);
    expect(
      await until(
        () => answering(20),
        (pids) => pids.length === 2,
      ),
    ).toEqual(sorted(after));
  });

  it('gives up on processes that keep ending instead of restarting them for ever', async () => {
    let reason = '';
    pool = startProcessPool({
      exec,
      args: [String(port)],
      processes: 2,
      env: { POOL_TEST_CRASH: '1' },
      onGiveUp: (r) => (reason = r),
      log: quiet,
    });
    await until(
      () => reason,
      (r) => r !== '',
    );
    expect(reason).toMatch(/^server processes keep ending \(5 in the last minute, the last with exit code 3\)$/);
    await until(
      () => pool!.pids(),
      (pids) => pids.length === 0,
    );
  });

  it('stops every process', async () => {
    pool = startProcessPool({ exec, args: [String(port)], processes: 2, onGiveUp: quiet, log: quiet });
    const pids = await until(
      () => pool!.pids(),
      (p) => p.length === 2,
    );
    await pool.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    await expect(ask()).rejects.toThrow(/ECONNREFUSED/);
  });
});
