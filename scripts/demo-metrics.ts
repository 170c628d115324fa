// Writes the demo fleet's CloudWatch history into the emulator, then (with --follow) keeps writing the
// present every minute, as CloudWatch would. Talks to the emulator only, never to the database.
import { buildDemoFleet } from '../lib/server/demo/demo-fleet';
import { buildDemoSeries, METRIC_STEP_MS, writeDemoMetrics } from '../lib/server/demo/demo-metrics';
import { hasFlag, intOption } from './lib/args';
import { exitOnError } from './lib/processes';

async function main(): Promise<void> {
  const fleet = buildDemoFleet(intOption('chains', buildDemoFleet().chains.length));
  const days = intOption('days', 30);
  const now = Date.now();
  const series = await buildDemoSeries(fleet, now);
  const started = Date.now();
  const written = await writeDemoMetrics(series, { from: now - days * 86_400_000, to: now + 1 });
  console.log(
    `Demo metrics: ${written.datapoints} datapoints (${series.length} series, ${days} days) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (!hasFlag('follow')) process.exit(0);
  let last = now;
  setInterval(() => {
    const to = Date.now();
    if (Math.floor(to / METRIC_STEP_MS) === Math.floor(last / METRIC_STEP_MS)) return;
    writeDemoMetrics(series, { from: last + 1, to: to + 1 }).then(
      () => {
        last = to;
      },
      (error: unknown) => console.error(`Demo metrics: ${(error as Error).message}`),
    );
  }, 30_000);
}

main().catch(exitOnError);
