// `npm run seed:demo -- --chains 1000 --days 1` (or --hours 2): a demo fleet of any size in the configured database and
// AWS endpoint, with its metric history. For benchmarks; npm start seeds the default fleet by itself.
import { config } from '../lib/config';
import { openDatabase } from '../lib/db-adapter';
import { buildDemoFleet } from '../lib/server/demo/demo-fleet';
import { buildDemoSeries, writeDemoMetrics } from '../lib/server/demo/demo-metrics';
import { seedDemoAws } from '../lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '../lib/server/demo/seed-demo-db';
import { intOption } from './lib/args';
import { applyMigrations } from './lib/migrations';
import { exitOnError } from './lib/processes';

async function main(): Promise<void> {
  if (!config().awsEndpointUrl)
    throw new Error('seed:demo writes demo resources: point AWS_ENDPOINT_URL at an emulator first.');
  const fleet = buildDemoFleet(intOption('chains', buildDemoFleet().chains.length));
  const handle = openDatabase(config().database);
  await applyMigrations(handle.adapter);
  await handle.close();
  const started = Date.now();
  // --hours for short histories (benchmarks), --days otherwise.
  const days = intOption('hours', intOption('days', 1) * 24) / 24;
  const { seeded } = await seedDemoDb(fleet, { historyDays: days });
  const { created } = await seedDemoAws(fleet);
  const now = Date.now();
  const written = await writeDemoMetrics(await buildDemoSeries(fleet, now), {
    from: now - days * 86_400_000,
    to: now + 1,
  });
  console.log(
    `Seeded ${fleet.chains.length} chains (database ${seeded ? 'written' : 'kept'}, ${created} AWS resources, ${written.datapoints} datapoints) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  process.exit(0);
}

main().catch(exitOnError);
