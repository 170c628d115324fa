// Audit trail benchmark: --events events (default 100,000) over 50 chains, written through the database's own
// chaining trigger, then the trail's reads as the product makes them (findAuditEvents, in process): the first
// page of 100, a page 90,000 events deep by cursor, filtered by chain, by action, by search words (as an admin
// and as ops, whose search leaves money out), in an
// account manager's scope; the CSV of one chain; verify over everything. Prints figures; asserts nothing.
// Run: npm run bench:audit [-- --events 100000] [-- --postgres]
import { hasFlag, intOption } from '../scripts/lib/args';
import { percentile, prepareBenchDatabase } from './lib/fleet-env';

const events = intOption('events', 100_000);
const runs = intOption('runs', 30);
const postgres = hasFlag('postgres');

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm: plans and caches, as a server that has been up a while has them
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(46)} median ${percentile(ms, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(ms, 95).toFixed(1).padStart(6)} ms`,
  );
}

async function main(): Promise<void> {
  process.env.FLEETPANE_DEMO = 'true';
  const drop = await prepareBenchDatabase(postgres ? 'postgres' : 'embedded');
  const { openDatabase } = await import('../lib/db-adapter');
  const { config } = await import('../lib/config');
  const { applyMigrations } = await import('../scripts/lib/migrations');
  const migrating = openDatabase(config().database);
  await applyMigrations(migrating.adapter);
  await migrating.close();

  const { db } = await import('../lib/server/db/client');
  const { auditQuerySchema } = await import('../lib/audit/audit-query');
  const { findAuditEvents, allAuditEvents } = await import('../lib/server/audit/find-audit-events');
  const { auditCsv } = await import('../lib/server/audit/audit-csv');
  const { verifyAuditTrail } = await import('../lib/server/audit/verify-audit-trail');

  const tier = await db.slaTier.create({ data: { key: 'standard', name: 'Standard', availabilityTarget: '99.9' } });
  const am = await db.user.create({ data: { email: 'am@bench', name: 'AM', role: 'account_manager' } });
  const admin = await db.user.create({ data: { email: 'admin@bench', name: 'Admin', role: 'admin' } });
  await db.chain.createMany({
    data: Array.from({ length: 50 }, (_, i) => ({
      slug: `chain-${i}`,
      name: `Chain ${i}`,
      region: 'eu-west-1',
      awsAccountId: '123456789012',
      healthCheckId: `hc-${i}`,
      tierId: tier.id,
      accountManagerId: i < 5 ? am.id : null,
    })),
  });

  // Events spread over a year, in time order, a tenth of them contract edits with a before and after.
  console.log(`Writing ${events.toLocaleString('en')} events through the chaining trigger…`);
  const started = performance.now();
  const batch = 10_000;
  for (let from = 0; from < events; from += batch) {
    await db.$executeRaw`
      INSERT INTO "AuditEvent" ("at", "actorId", "actorEmail", "actorRole", "source", "action", "chainId", "target",
        "result", "before", "after", "requestId", "ip", "userAgent")
      SELECT now() - make_interval(secs => (${events}::int - n) * 315),
        ${admin.id}::uuid, 'admin@bench', 'admin', 'ui',
        CASE WHEN n % 10 = 0 THEN 'contract.update' ELSE 'operation.succeeded:backup' END,
        c."id", c."slug", 'ok',
        jsonb_build_object('monthlyPrice', (n % 900)::text || '.00'),
        jsonb_build_object('monthlyPrice', (n % 900 + 10)::text || '.00', 'note', 'edit ' || n),
        gen_random_uuid()::text, '10.0.0.1', 'bench'
      FROM generate_series(${from + 1}::int, ${Math.min(from + batch, events)}::int) AS n
      JOIN "Chain" c ON c."slug" = 'chain-' || (n % 50)
      ORDER BY n`;
  }
  const writeSeconds = (performance.now() - started) / 1000;
  console.log(
    `  ${writeSeconds.toFixed(1)} s: ${Math.round(events / writeSeconds).toLocaleString('en')} events/s (hash and link per row)`,
  );

  const viewer = { id: admin.id, role: 'admin' as const };
  const q = (input: Record<string, string>) => auditQuerySchema.parse(input);
  // A cursor 90% of the way down: the page after it costs what the first does (no OFFSET).
  let deep = '';
  {
    const rows = await db.auditEvent.findMany({
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      skip: Math.floor(events * 0.9),
      take: 1,
      select: { at: true, id: true },
    });
    const { encodeCursor } = await import('../lib/audit/audit-query');
    deep = encodeCursor({ at: rows[0]!.at.toISOString(), id: rows[0]!.id.toString() });
  }
  console.log(`Reads (${runs} runs each, after one warm-up), ${postgres ? 'PostgreSQL server' : 'embedded PGlite'}:`);
  await time('first page of 100, newest first', () => findAuditEvents(q({}), viewer));
  await time('a page of 100, 90% deep (by cursor)', () => findAuditEvents(q({ cursor: deep }), viewer));
  await time('one chain, first page', () => findAuditEvents(q({ chain: 'chain-7' }), viewer));
  await time('action prefix "contract."', () => findAuditEvents(q({ action: 'contract.' }), viewer));
  await time('search "edit 4242" (two words)', () => findAuditEvents(q({ q: 'edit 4242' }), viewer));
  await time('search "edit" (a tenth of the events match)', () => findAuditEvents(q({ q: 'edit' }), viewer));
  const ops = await db.user.create({ data: { email: 'ops@bench', name: 'Ops', role: 'ops' } });
  await time('search "edit 4242" as ops (money left out)', () =>
    findAuditEvents(q({ q: 'edit 4242' }), { id: ops.id, role: 'ops' }),
  );
  await time("account manager's scope (5 chains)", () =>
    findAuditEvents(q({}), { id: am.id, role: 'account_manager' }),
  );
  const csvStarted = performance.now();
  let bytes = 0;
  const reader = auditCsv(allAuditEvents(q({ chain: 'chain-7' }), viewer)).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
  console.log(
    `CSV of one chain (${(events / 50).toLocaleString('en')} events): ${((performance.now() - csvStarted) / 1000).toFixed(2)} s, ${(bytes / 1024 / 1024).toFixed(1)} MB`,
  );
  const verifyStarted = performance.now();
  const verified = await verifyAuditTrail();
  console.log(
    `verify over ${verified.events.toLocaleString('en')} events: ${verified.status} in ${((performance.now() - verifyStarted) / 1000).toFixed(2)} s`,
  );
  await db.$disconnect();
  await drop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
