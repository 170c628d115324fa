// Collector benchmark: AWS calls and time per refresh for fleets of 100, 1,000 and 2,000 chains, next to
// a naive loop (one call per chain per resource and per metric) over the same fleet in the same run.
// Run: npm run bench:collector [-- sizes…]   (prints a table; each size runs in its own process)
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { execFileSync } from 'node:child_process';
import { migrateBenchDatabase, prepareBenchEnv } from './lib/fleet-env';

const port = Number(process.env.BENCH_EMULATOR_PORT ?? 4610);

async function benchSize(size: number) {
  await prepareBenchEnv(port);
  // Imported after the environment is set: configuration and the database client read it once.
  await migrateBenchDatabase();

  const { buildDemoFleet } = await import('../lib/server/demo/demo-fleet');
  const { seedDemoDb } = await import('../lib/server/demo/seed-demo-db');
  const { seedDemoAws } = await import('../lib/server/demo/seed-demo-aws');
  const { buildDemoSeries, writeDemoMetrics } = await import('../lib/server/demo/demo-metrics');
  const { collectFleet } = await import('../lib/server/fleet/collect-fleet');
  const { awsClients } = await import('../lib/server/aws/clients');

  const fleet = buildDemoFleet(size);
  let t = Date.now();
  await seedDemoDb(fleet, { historyDays: 2 / 24 });
  await seedDemoAws(fleet);
  const now = Date.now();
  await writeDemoMetrics(await buildDemoSeries(fleet, now), { from: now - 2 * 3_600_000, to: now + 1 });
  const seedS = (Date.now() - t) / 1000;

  t = Date.now();
  const first = await collectFleet();
  const firstMs = Date.now() - t;
  t = Date.now();
  const steady = await collectFleet();
  const steadyMs = Date.now() - t;

  // The naive loop: what a dashboard does when each row asks AWS for itself.
  t = Date.now();
  let naiveCalls = 0;
  // The same windows the collector reads: 15 minutes of health, 24 hourly points of CPU and storage.
  const end = new Date();
  const start = new Date(end.getTime() - 15 * 60_000);
  const day = new Date(end.getTime() - 24 * 3_600_000);
  for (const c of fleet.chains) {
    const scope = { region: c.region, accountId: c.accountId, roleArn: c.roleArn };
    const { rds, ec2, cloudwatch } = awsClients(scope);
    const health = awsClients({ ...scope, region: 'us-east-1' }).cloudwatch;
    const id = c.database.identifier;
    await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
    await rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: id }));
    await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:fleetpane:chain', Values: [c.slug] }] }));
    await health.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Route53',
        MetricName: 'HealthCheckStatus',
        Dimensions: [{ Name: 'HealthCheckId', Value: `hc-${c.slug}` }],
        StartTime: start,
        EndTime: end,
        Period: 300,
        Statistics: ['Minimum'],
      }),
    );
    for (const metric of ['CPUUtilization', 'FreeStorageSpace']) {
      await cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/RDS',
          MetricName: metric,
          Dimensions: [{ Name: 'DBInstanceIdentifier', Value: id }],
          StartTime: day,
          EndTime: end,
          Period: 3600,
          Statistics: ['Average'],
        }),
      );
    }
    naiveCalls += 6;
  }
  const naiveMs = Date.now() - t;
  const scopes = new Set(fleet.chains.map((c) => `${c.accountId}/${c.region}`)).size;
  return { size, scopes, seedS, first, firstMs, steady, steadyMs, naiveCalls, naiveMs };
}

async function main() {
  const one = process.argv.indexOf('--one');
  if (one >= 0) {
    console.log(JSON.stringify(await benchSize(Number(process.argv[one + 1]))));
    process.exit(0);
  }
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  for (const size of sizes.length ? sizes : [100, 1000, 2000]) {
    const out = execFileSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', import.meta.filename, '--one', String(size)],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as Awaited<ReturnType<typeof benchSize>>;
    console.log(
      `chains ${String(r.size).padStart(5)} | scopes ${String(r.scopes).padStart(2)} | refresh: ${String(r.steady.awsCalls).padStart(4)} AWS calls, ${(r.steadyMs / 1000).toFixed(2)} s (${(r.steady.awsMs / 1000).toFixed(2)} s waiting on AWS) | first pass, with backfill and CPU/storage: ${r.first.awsCalls} calls, ${(r.firstMs / 1000).toFixed(2)} s (${(r.first.awsMs / 1000).toFixed(2)} s AWS) | naive loop: ${r.naiveCalls} calls, ${(r.naiveMs / 1000).toFixed(1)} s | ${(r.naiveCalls / r.steady.awsCalls).toFixed(0)}× fewer calls | seeding ${r.seedS.toFixed(0)} s`,
    );
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
