// Operations benchmark, on a PostgreSQL server (a scratch database) and the emulator: how long a backup
// takes from request to "succeeded" with one idle worker, and how many operations a second the queue gets
// through with one and with two worker processes. Prints figures; asserts nothing.
// Run: npm run bench:operations [-- --chains 200]
import { randomUUID } from 'node:crypto';
import { operationChainSelect } from '@/lib/server/operations/record-operation';
import path from 'node:path';
import { intOption } from '../scripts/lib/args';
import { demoAwsEnv, startEmulator } from '../scripts/lib/emulator';
import { runChild, startChild, stopChildren, tsArgs } from '../scripts/lib/processes';
import { runBench } from './lib/bench-app';
import { createScratchDatabase } from '../scripts/lib/scratch-database';

const root = path.resolve(import.meta.dirname, '..');
const chains = intOption('chains', 200);
const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const endpoint = await startEmulator(4613);
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  const scratch = await createScratchDatabase(serverUrl, 'fleetpane_bench_ops');
  Object.assign(process.env, demoAwsEnv, {
    AWS_ENDPOINT_URL: endpoint,
    FLEETPANE_DEMO: 'true',
    DATABASE_URL: scratch.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const workerEnv = { ...process.env, FLEETPANE_COLLECT_INTERVAL_SECONDS: '86400' };
  try {
    console.log(`Seeding ${chains} chains…`);
    await runChild(
      process.execPath,
      tsArgs(path.join(root, 'scripts/prepare.ts'), ['--chains', String(chains), '--days', '1']),
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const { db } = await import('../lib/server/db/client');
    const { recordOperation } = await import('../lib/server/operations/record-operation');
    const user = await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } });
    const fleet = await db.chain.findMany({
      where: { deployment: { databaseKind: 'dedicated' } },
      select: { ...operationChainSelect, roleArn: true },
      orderBy: { slug: 'asc' },
    });
    const enqueue = async (list: typeof fleet) => {
      const ids: string[] = [];
      for (const c of list) {
        const r = await recordOperation(c, user, {
          body: { type: 'backup', params: {} },
          idempotencyKey: randomUUID(),
        });
        ids.push(r.operation.id);
      }
      return ids;
    };
    const waitDone = async (ids: string[]) => {
      for (;;) {
        const open = await db.operation.count({ where: { id: { in: ids }, status: { in: ['queued', 'running'] } } });
        if (open === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const workers = (n: number) =>
      Array.from({ length: n }, () =>
        startChild(process.execPath, tsArgs(path.join(root, 'scripts/worker.ts')), {
          cwd: root,
          env: workerEnv,
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );

    // Latency: one idle worker (it polls every second; in the app a request wakes the runner at once).
    let procs = workers(1);
    await new Promise((r) => setTimeout(r, 8_000));
    const latencies: number[] = [];
    for (const c of fleet.slice(0, 5)) {
      const t = performance.now();
      await waitDone(await enqueue([c]));
      latencies.push(performance.now() - t);
    }
    for (const p of procs) p.kill('SIGTERM');
    latencies.sort((a, b) => a - b);

    const throughput: string[] = [];
    for (const n of [1, 2]) {
      const batch = fleet.slice(5);
      const ids = await enqueue(batch);
      procs = workers(n);
      const t = performance.now();
      await waitDone(ids);
      const seconds = (performance.now() - t) / 1000;
      for (const p of procs) p.kill('SIGTERM');
      const failed = await db.operation.count({ where: { id: { in: ids }, status: 'failed' } });
      const steps = await db.operationStep.groupBy({
        by: ['operationId'],
        where: { operationId: { in: ids } },
        _count: { _all: true },
      });
      const twice = steps.filter((s) => s._count._all > 2).length;
      throughput.push(
        `${n} worker${n > 1 ? 's' : ' '}: ${ids.length} backups in ${seconds.toFixed(1)} s = ${(ids.length / seconds).toFixed(1)} operations/s (${failed} failed, ${twice} with a repeated step)`,
      );
      await new Promise((r) => setTimeout(r, 1_000));
    }
    console.log(
      `\nBackup, request to "succeeded", one idle worker: median ${(latencies[2]! / 1000).toFixed(2)} s, max ${(latencies.at(-1)! / 1000).toFixed(2)} s`,
    );
    console.log(
      `Queue throughput on PostgreSQL against the emulator (${fleet.length - 5} dedicated chains, one backup each):`,
    );
    for (const line of throughput) console.log(`  ${line}`);
    await db.$disconnect();
  } finally {
    stopChildren();
    await scratch.drop().catch(() => undefined);
  }
}

runBench(main);
