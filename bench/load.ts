// Load benchmark: 50 concurrent signed-in users (autocannon) mixing the fleet page, chain pages, the SLA page,
// the API and CSV exports for 60 s, at 1,000 chains, while the collector passes every minute and backups run.
// Prints, per endpoint, the requests, errors (non-2xx or failed), p50/p95 latency; then the server CPU per
// request and the server processes' memory at the start and the end. Nothing is asserted: figures only.
// Run: npm run bench:load [-- --chains 1000 --seconds 60 --connections 50] [--postgres [--processes N]]
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { hasFlag, intOption } from '../scripts/lib/args';
import { runChild, tsArgs, waitFor } from '../scripts/lib/processes';
import { runBench, startBenchApp } from './lib/bench-app';
import type { BenchApp } from './lib/bench-app';
import { percentile, prepareBenchEnv } from './lib/fleet-env';
import { signIn } from './lib/sign-in';

const root = path.resolve(import.meta.dirname, '..');
const chains = intOption('chains', 1000);
const seconds = intOption('seconds', 60);
const connections = intOption('connections', 50);
const database = hasFlag('postgres') ? 'postgres' : 'embedded';
const processes = intOption('processes', database === 'postgres' ? availableParallelism() : 1);
const port = 3300;
const CLOCK_TICKS = 100;

const stat = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
const cpuMs = (pids: number[]) =>
  pids.reduce((ms, pid) => ms + ((Number(stat(pid)[11]) + Number(stat(pid)[12])) * 1000) / CLOCK_TICKS, 0);
const rssMb = (pids: number[]) =>
  pids.reduce((mb, pid) => {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return mb + Number(line?.[1] ?? 0) / 1024;
  }, 0);

type Mix = { name: string; share: number; who: string; path: (n: number) => string };

async function main(): Promise<void> {
  const { drop } = await prepareBenchEnv(4613, database);
  let app: BenchApp | undefined;
  try {
    app = await measure();
  } finally {
    await app?.stop();
    await drop();
  }
}

async function measure(): Promise<BenchApp> {
  console.log(`Seeding ${chains} chains…`);
  await runChild(
    process.execPath,
    tsArgs(path.join(root, 'scripts/seed-demo.ts'), ['--chains', String(chains), '--hours', '2']),
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const app = await startBenchApp(port, {
    FLEETPANE_COLLECT_INTERVAL_SECONDS: '60',
    FLEETPANE_WEB_PROCESSES: String(processes),
  });
  const { base } = app;
  const cookies: Record<string, string> = {};
  for (const who of ['admin', 'ops', 'am', 'finance']) cookies[who] = await signIn(base, `${who}@fleetpane.local`);
  await waitFor(
    async () =>
      (
        (await (await fetch(`${base}/api/v1/chains?size=1`, { headers: { cookie: cookies.admin! } })).json()) as {
          lastRun: unknown;
        }
      ).lastRun != null,
    30 * 60_000,
    'The first collector pass',
  );
  const slugs = (
    (await (await fetch(`${base}/api/v1/chains?size=200`, { headers: { cookie: cookies.admin! } })).json()) as {
      chains: { slug: string }[];
    }
  ).chains.map((c) => c.slug);
  const slug = (n: number) => slugs[n % slugs.length]!;
  const mix: Mix[] = [
    { name: '/fleet', share: 0.25, who: 'ops', path: (n) => (n % 3 ? '/fleet' : `/fleet?page=${(n % 20) + 1}`) },
    { name: '/chains/[slug]', share: 0.2, who: 'ops', path: (n) => `/chains/${slug(n)}` },
    { name: '/sla', share: 0.15, who: 'am', path: () => '/sla' },
    {
      name: '/api/v1/chains?size=50',
      share: 0.15,
      who: 'admin',
      path: (n) => `/api/v1/chains?size=50&page=${(n % 20) + 1}`,
    },
    { name: '/api/v1/chains/[slug]/sla', share: 0.1, who: 'admin', path: (n) => `/api/v1/chains/${slug(n)}/sla` },
    { name: '/api/v1/alerts', share: 0.05, who: 'ops', path: () => '/api/v1/alerts?state=open' },
    {
      name: 'costs CSV export',
      share: 0.1,
      who: 'finance',
      path: (n) => `/api/v1/reports/costs?format=csv&chain=${slug(n)}`,
    },
  ];

  const pids = app.webPids();
  const memoryStart = rssMb(pids);
  const cpuStart = cpuMs(pids);
  // Operations under way during the load: a backup on 20 chains, through the API.
  const wave = await fetch(`${base}/api/v1/waves`, {
    method: 'POST',
    headers: { cookie: cookies.ops!, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'backup', chains: slugs.slice(0, 20), batchSize: 5 }),
  });
  const runs = mix.map((m) => {
    const latencies: number[] = [];
    let n = 0;
    return new Promise<{ m: Mix; r: autocannon.Result; latencies: number[] }>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: Math.max(1, Math.round(connections * m.share)),
          duration: seconds,
          headers: { cookie: cookies[m.who]! },
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: m.path(n++) }) }],
        },
        (error, r) => (error ? reject(error) : resolve({ m, r, latencies: latencies.sort((a, b) => a - b) })),
      );
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    });
  });
  const results = await Promise.all(runs);
  const cpu = cpuMs(pids) - cpuStart;
  const memoryEnd = rssMb(pids);
  const total = results.reduce((s, x) => s + x.r.requests.total, 0);

  console.log(
    `\n${chains} chains, ${database} database, ${pids.length} server process(es), ${connections} signed-in connections for ${seconds} s; collector every 60 s; a backup wave over 20 chains (${wave.status})`,
  );
  console.log('endpoint                         requests  errors   p50 ms   p95 ms');
  for (const { m, r, latencies } of results) {
    const errors = r.errors + r.timeouts + r.non2xx;
    console.log(
      `${m.name.padEnd(32)} ${String(r.requests.total).padStart(8)} ${String(errors).padStart(7)} ${percentile(latencies, 50).toFixed(0).padStart(8)} ${percentile(latencies, 95).toFixed(0).padStart(8)}`,
    );
  }
  console.log(
    `all: ${total} requests, ${(total / seconds).toFixed(0)}/s; server CPU ${(cpu / total).toFixed(1)} ms per request`,
  );
  console.log(`server memory (RSS): ${memoryStart.toFixed(0)} MB at the start, ${memoryEnd.toFixed(0)} MB at the end`);
  return app;
}

runBench(main);
