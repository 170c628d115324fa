// Seeds a benchmark database: a fleet of --chains chains (database only) and --months closed months of
// Cost Explorer rows for it (two services per chain and month, the shared instances, untagged cost), and
// marks the cost ingestion as done so the app's nightly job does not replace them with the emulator's nothing.
import { config } from '../lib/config';
import { openDatabase } from '../lib/db-adapter';
import { buildDemoFleet } from '../lib/server/demo/demo-fleet';
import { db } from '../lib/server/db/client';
import { seedDemoDb, seedDemoPrices } from '../lib/server/demo/seed-demo-db';
import { intOption } from '../scripts/lib/args';
import { applyMigrations } from '../scripts/lib/migrations';
import { exitOnError } from '../scripts/lib/processes';

async function main(): Promise<void> {
  const chains = intOption('chains', 2000);
  const months = intOption('months', 24);
  const handle = openDatabase(config().database);
  await applyMigrations(handle.adapter);
  await handle.close();
  const fleet = buildDemoFleet(chains);
  await seedDemoDb(fleet, { historyDays: 1 });
  await db.chain.updateMany({ data: { createdAt: new Date(Date.UTC(2020, 0, 1)) } });
  await seedDemoPrices();
  const now = new Date();
  const rows = [];
  for (let back = 1; back <= months; back++) {
    const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    for (const [i, c] of fleet.chains.entries()) {
      rows.push({
        accountId: c.accountId,
        granularity: 'month',
        periodStart,
        tagValue: c.slug,
        service: 'Amazon Elastic Compute Cloud - Compute',
        amount: (30 + (i % 50)).toFixed(4),
        currency: 'USD',
      });
      if (c.database.kind === 'dedicated')
        rows.push({
          accountId: c.accountId,
          granularity: 'month',
          periodStart,
          tagValue: c.slug,
          service: 'Amazon Relational Database Service',
          amount: (100 + (i % 300)).toFixed(4),
          currency: 'USD',
        });
    }
    for (const s of fleet.sharedInstances)
      rows.push({
        accountId: s.accountId,
        granularity: 'month',
        periodStart,
        tagValue: `shared/${s.identifier}`,
        service: 'Amazon Relational Database Service',
        amount: '211.1234',
        currency: 'USD',
      });
    rows.push({
      accountId: fleet.chains[0]!.accountId,
      granularity: 'month',
      periodStart,
      tagValue: '',
      service: 'AWS Data Transfer',
      amount: '41.1000',
      currency: 'USD',
    });
  }
  for (let i = 0; i < rows.length; i += 5_000)
    await db.costLine.createMany({ data: rows.slice(i, i + 5_000), skipDuplicates: true });
  await db.costIngestRun.create({ data: { finishedAt: new Date(), accounts: 1, lines: rows.length } });
  console.log(`Seeded ${chains} chains and ${rows.length} cost lines over ${months} months.`);
  process.exit(0);
}

main().catch(exitOnError);
