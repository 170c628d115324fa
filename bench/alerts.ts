// Alerts benchmark: one evaluation of every rule over a fleet of 1,000 chains (the alert job runs it after
// every collector pass and every 15 s), the first one opening the demo's alerts and a steady one changing
// nothing; then the delivery queue draining notifications to a webhook receiver in this process.
// Run: npm run bench:alerts [-- --chains 1000 --notifications 2000] [--postgres]   (prints figures)
import { hasFlag, intOption } from '../scripts/lib/args';
import { migrateBenchDatabase, prepareBenchDatabase } from './lib/fleet-env';

const chains = intOption('chains', 1000);
const notifications = intOption('notifications', 2000);

async function main(): Promise<void> {
  const drop = await prepareBenchDatabase(hasFlag('postgres') ? 'postgres' : 'embedded');
  process.env.FLEETPANE_DEMO = 'true';
  // Imported after the environment is set: configuration and the database client read it once.
  await migrateBenchDatabase();
  const { config } = await import('../lib/config');
  const { db } = await import('../lib/server/db/client');
  const { buildDemoFleet } = await import('../lib/server/demo/demo-fleet');
  const { seedDemoDb } = await import('../lib/server/demo/seed-demo-db');
  const { evaluateAlerts } = await import('../lib/server/alerts/evaluate-alerts');
  const { createChannel } = await import('../lib/server/alerts/create-channel');
  const { queueAlertNotifications } = await import('../lib/server/alerts/queue-notifications');
  const { deliverDueNotifications } = await import('../lib/server/alerts/deliver-notifications');
  const { webhookSink } = await import('../tests/support/webhook-sink');
  try {
    await seedDemoDb(buildDemoFleet(chains), { historyDays: 3 });
    // What collector passes would have stored: 3 days of 5-minute health per chain (one chain in 50 down for
    // its last hour, so the burn rules have pages to open), and every deployment read a minute ago with the
    // facts conformance holds against the tier (one in 20 without a recent backup).
    await db.$executeRaw`
      INSERT INTO "HealthSample" ("chainId", "at", "value")
      SELECT c."id", gs, CASE WHEN c.n % 50 = 0 AND gs > now() - interval '1 hour' THEN 0 ELSE 1 END
      FROM (SELECT "id", row_number() OVER (ORDER BY "slug") AS n FROM "Chain") c,
           generate_series(date_trunc('hour', now()) - interval '3 days', now(), interval '5 minutes') gs`;
    await db.$executeRaw`
      UPDATE "Deployment" d SET "refreshedAt" = now() - interval '1 minute', "health" = 'healthy',
        "multiAz" = t."requiresMultiAz", "backupRetentionDays" = greatest(t."minBackupRetentionDays", 1),
        "storageEncrypted" = true, "deletionProtection" = true, "dbClass" = coalesce(t."minInstanceClass", 'db.m6g.large'),
        "latestSnapshotAt" = CASE WHEN c.n % 20 = 0 THEN now() - interval '3 days' ELSE now() - interval '2 hours' END
      FROM (SELECT "id", "tierId", row_number() OVER (ORDER BY "slug") AS n FROM "Chain") c
      JOIN "SlaTier" t ON t."id" = c."tierId"
      WHERE d."chainId" = c."id"`;
    const samples = await db.healthSample.count();
    const time = async <T>(work: () => Promise<T>) => {
      const t = performance.now();
      const r = await work();
      return { r, ms: performance.now() - t };
    };
    const first = await time(() => evaluateAlerts());
    const fired = await time(() => evaluateAlerts(new Date(Date.now() + 31_000)));
    const steady: number[] = [];
    for (let i = 0; i < 5; i++) steady.push((await time(() => evaluateAlerts(new Date(Date.now() + 40_000)))).ms);
    steady.sort((a, b) => a - b);

    const hook = webhookSink();
    await hook.start();
    const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' }, select: { id: true, email: true } });
    await createChannel({ name: 'bench', kind: 'webhook', url: hook.url }, admin);
    await db.notification.deleteMany({});
    const alerts = await db.alert.findMany({ take: notifications });
    const queued = await time(async () => {
      let n = 0;
      for (let i = 0; n < notifications; i++) {
        const a = alerts[i % alerts.length]!;
        n += await db.$transaction((tx) =>
          queueAlertNotifications(tx, { ...a, detail: a.detail as Record<string, string> }, 'reminder', i),
        );
      }
      return n;
    });
    const drained = await time(() => deliverDueNotifications({ workerId: 'bench', budgetMs: 600_000 }));
    await hook.stop();

    const figure = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`Fleet: ${chains} chains, ${samples} health samples (${config().database.kind} database)`);
    console.log(
      `First evaluation: ${figure(first.ms)} (${first.r.signals} problems seen, ${first.r.opened} alerts opened)`,
    );
    console.log(`After the group wait: ${figure(fired.ms)} (${fired.r.fired} fired, ${fired.r.queued} queued)`);
    console.log(`Steady evaluation (nothing changes): median ${figure(steady[2]!)}, max ${figure(steady[4]!)}`);
    console.log(`Queueing ${queued.r} notifications, one transaction each: ${figure(queued.ms)}`);
    console.log(
      `Delivering them to a local webhook: ${figure(drained.ms)} (${((drained.r.sent / drained.ms) * 1000).toFixed(0)} per second; ${drained.r.sent} sent, ${drained.r.failed} failed, ${hook.requests.length} received)`,
    );
  } finally {
    await drop();
  }
}

await main();
process.exit(0);
