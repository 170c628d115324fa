// Export benchmark: the finance report of --chains chains × --months months as CSV and XLSX (time, size,
// peak memory of the server while it streams), and the report page's server latency at that size. Prints
// figures; asserts nothing. Run: npm run bench:exports [-- --chains 2000 --months 24]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { intOption } from '../scripts/lib/args';
import { runChild, tsArgs } from '../scripts/lib/processes';
import { runBench, startBenchApp } from './lib/bench-app';
import { percentile, prepareBenchEnv } from './lib/fleet-env';
import { signIn } from './lib/sign-in';

const root = path.resolve(import.meta.dirname, '..');
const chains = intOption('chains', 2000);
const months = intOption('months', 24);
const port = 3201;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function download(
  url: string,
  cookie: string,
  pid: number,
): Promise<{ seconds: number; mb: number; peakRssMb: number; firstByteMs: number }> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 25);
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const firstByteMs = performance.now() - started;
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, mb: bytes / 1024 / 1024, peakRssMb: peak, firstByteMs };
}

async function main(): Promise<void> {
  await prepareBenchEnv(4612);
  console.log(`Seeding ${chains} chains and ${months} months of costs…`);
  await runChild(
    process.execPath,
    tsArgs(path.join(root, 'bench/seed-costs.ts'), ['--chains', String(chains), '--months', String(months)]),
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const { base, webPids } = await startBenchApp(port, { FLEETPANE_COLLECT_INTERVAL_SECONDS: '3600' });
  const cookie = await signIn(base, 'finance@fleetpane.local');
  const now = new Date();
  const m = (back: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  const range = `from=${m(months)}&to=${m(1)}`;
  // Let the first collector pass (started with the server) settle before measuring.
  await new Promise((r) => setTimeout(r, 10_000));
  const pid = webPids()[0]!;
  const idle = rssMb(pid);
  const csv = await download(`${base}/api/v1/reports/costs?${range}&format=csv`, cookie, pid);
  const xlsx = await download(`${base}/api/v1/reports/costs?${range}&format=xlsx`, cookie, pid);
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await (await fetch(`${base}/reports/costs?${range}`, { headers: { cookie } })).arrayBuffer();
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `\n${chains} chains × ${months} months (${chains * months} rows), server RSS idle ${idle.toFixed(0)} MB:`,
  );
  for (const [name, r] of [
    ['CSV', csv],
    ['XLSX', xlsx],
  ] as const) {
    console.log(
      `${name.padEnd(5)} ${r.seconds.toFixed(1).padStart(5)} s  ${r.mb.toFixed(1).padStart(6)} MB  first byte ${r.firstByteMs.toFixed(0)} ms  peak server RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
  }
  console.log(
    `/reports/costs (${months} months, one connection) p50 ${percentile(latencies, 50).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
  );
}

runBench(main);
