// Prepares the database before the server opens it: applies migrations and, in demo mode, loads the
// demo fleet into the database and the emulator when they are empty. Runs in its own process and ends,
// because the embedded database may be open in only one process at a time.
import { config } from '../lib/config';
import { openDatabase } from '../lib/db-adapter';
import { buildDemoFleet } from '../lib/server/demo/demo-fleet';
import { seedDemoAws } from '../lib/server/demo/seed-demo-aws';
import { seedDemoCosts } from '../lib/server/demo/seed-demo-costs';
import { seedDemoDb, seedDemoPrices } from '../lib/server/demo/seed-demo-db';
import { seedDemoFlags } from '../lib/server/demo/seed-demo-flags';
import { intOption } from './lib/args';
import { applyMigrations } from './lib/migrations';
import { exitOnError } from './lib/processes';

async function main(): Promise<void> {
  const cfg = config();
  const handle = openDatabase(cfg.database);
  const applied = await applyMigrations(handle.adapter);
  await handle.close();
  if (applied.length) console.log(`Database: applied ${applied.length} migration(s).`);
  if (cfg.demo) {
    const fleet = buildDemoFleet(intOption('chains', buildDemoFleet().chains.length));
    const { seeded } = await seedDemoDb(fleet, { historyDays: intOption('days', 30) });
    const { created } = await seedDemoAws(fleet);
    await seedDemoPrices();
    // The emulator keeps nothing across restarts: the chains' flag parameters are written again with it.
    await seedDemoFlags({ aws: created > 0 });
    // The emulator keeps nothing across restarts: its year of Cost Explorer results is queued every time.
    if (cfg.awsEndpointUrl) await seedDemoCosts(fleet, cfg.awsEndpointUrl);
    console.log(
      `Demo fleet: ${fleet.chains.length} chains; database ${seeded ? 'seeded' : 'kept'}, emulator ${created ? `given ${created} resources` : 'already had them'}.`,
    );
  }
  process.exit(0);
}

main().catch(exitOnError);
