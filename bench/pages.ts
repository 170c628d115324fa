// Page benchmark: server latency of /fleet and /api/v1/chains under concurrent signed-in load, database
// queries per render, and the JavaScript /fleet ships to the browser (gzip). The app runs as `next start`
// on a seeded fleet, served as npm start serves it; nothing here asserts a target, it prints figures.
// Run: npm run bench:pages [-- --chains 1000 --connections 10 --seconds 10 --warmup 15]
// The production configuration: --postgres (a scratch database on the PostgreSQL server) and, with it,
// --processes N (FLEETPANE_WEB_PROCESSES; default one per core). Without --postgres: the embedded
// database, one process.
// Each measurement follows a warm-up under the same load (discarded): a fresh server runs its first
// thousand renders before V8 has optimized them, and production servers are measured warm.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { hasFlag, intOption } from '../scripts/lib/args';
import { runChild, tsArgs, waitFor } from '../scripts/lib/processes';
import { runBench, startBenchApp } from './lib/bench-app';
import type { BenchApp } from './lib/bench-app';
import { percentile, prepareBenchEnv } from './lib/fleet-env';
import { signIn } from './lib/sign-in';

const root = path.resolve(import.meta.dirname, '..');
const chains = intOption('chains', 1000);
const connections = intOption('connections', 10);
const seconds = intOption('seconds', 10);
const warmup = intOption('warmup', 15);
const database = hasFlag('postgres') ? 'postgres' : 'embedded';
const processes = intOption('processes', database === 'postgres' ? availableParallelism() : 1);
const port = 3200;

/** CPU time (user + system, all threads) the server processes have used so far, in ms. */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

type Load = { p50: number; p95: number; rps: number; errors: number; cpuMsPerRequest: number };

async function load(url: string, cookie: string, pids: number[], duration = seconds): Promise<Load> {
  const cpuBefore = cpuMs(pids);
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const cpuMsPerRequest = (cpuMs(pids) - cpuBefore) / latencies.length;
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    rps: latencies.length / duration,
    errors,
    cpuMsPerRequest,
  };
}

async function main(): Promise<void> {
  const { drop } = await prepareBenchEnv(4611, database);
  let app: BenchApp | undefined;
  try {
    app = await measure();
  } finally {
    // The servers first: their workers poll the database until they stop.
    await app?.stop();
    await drop();
  }
}

async function measure(): Promise<BenchApp> {
  process.env.FLEETPANE_COLLECT_INTERVAL_SECONDS = '3600';
  console.log(`Seeding ${chains} chains…`);
  await runChild(
    process.execPath,
    tsArgs(path.join(root, 'scripts/seed-demo.ts'), ['--chains', String(chains), '--hours', '2']),
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let queries = 0;
  const app = await startBenchApp(
    port,
    { FLEETPANE_LOG_QUERIES: '1', FLEETPANE_WEB_PROCESSES: String(processes) },
    (text) => {
      queries += text.split('fleetpane:db-query').length - 1;
    },
  );
  const { base, webPids } = app;
  const cookie = await signIn(base, 'admin@fleetpane.local');
  // The first collector pass (started with the server) must be over before measuring. Against the
  // emulator it takes minutes at this size (its GetMetricData scans every datapoint per query): poll.
  await waitFor(
    async () =>
      ((await (await fetch(`${base}/api/v1/chains?size=1`, { headers: { cookie } })).json()) as { lastRun: unknown })
        .lastRun != null,
    30 * 60_000,
    'The first collector pass',
  );

  const perRender: Record<string, number> = {};
  for (const p of ['/fleet', '/api/v1/chains?size=50', '/api/v1/chains', '/chains/burger-barn']) {
    // Warm every server process's shared caches first: the connections go to the processes in turn.
    await Promise.all(
      Array.from({ length: 4 * processes }, () =>
        fetch(`${base}${p}`, { headers: { cookie } }).then((r) => r.arrayBuffer()),
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    const before = queries;
    await fetch(`${base}${p}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    await new Promise((r) => setTimeout(r, 200));
    perRender[p] = queries - before;
  }

  const html = await (await fetch(`${base}/fleet`, { headers: { cookie } })).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!))];
  let js = 0;
  for (const src of scripts)
    js += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()), { level: 9 }).length;

  const pids = webPids();
  // The latency of a c=10 load on a 2-core virtual machine moves with the machine's speed from minute to
  // minute; the server CPU a request costs moves less, so both are printed.
  const measure = async (url: string) => {
    const cold = await load(url, cookie, pids, warmup);
    return { cold, warm: await load(url, cookie, pids) };
  };
  const fleet = await measure(`${base}/fleet`);
  const api = await measure(`${base}/api/v1/chains?size=50`);
  const apiAll = await measure(`${base}/api/v1/chains`);
  const figures = (r: Load) =>
    `p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  ${r.rps.toFixed(0).padStart(4)} req/s  ${r.cpuMsPerRequest.toFixed(1).padStart(5)} ms server CPU/req${r.errors ? `  ${r.errors} errors` : ''}`;
  const line = (name: string, r: Awaited<ReturnType<typeof measure>>) =>
    `${name.padEnd(28)} ${figures(r.warm)}   (first ${warmup} s, from cold: ${figures(r.cold)})`;
  const served = `${database} database, ${pids.length} server ${pids.length === 1 ? 'process' : 'processes'}`;
  console.log(
    `\n${chains} chains, ${served}, ${connections} concurrent signed-in connections, ${seconds} s each after a ${warmup} s warm-up:`,
  );
  console.log(line('/fleet (50 rows a page)', fleet));
  console.log(line('/api/v1/chains?size=50', api));
  console.log(line(`/api/v1/chains (all ${chains})`, apiAll));
  console.log(
    `database queries per render: ${Object.entries(perRender)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}`,
  );
  console.log(`JavaScript for /fleet: ${(js / 1024).toFixed(1)} kB gzip in ${scripts.length} files`);
  return app;
}

runBench(main);
