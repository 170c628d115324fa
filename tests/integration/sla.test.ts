import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { findChainSla } from '@/lib/server/sla/find-chain-sla';
import { findConformance } from '@/lib/server/sla/find-conformance';
import { requireEmulator, testRds } from '../support/aws';

const fleet = buildDemoFleet();
const STEP = 5 * 60_000;
const now = Date.now();
const lastComplete = Math.floor(now / STEP) * STEP - STEP;
// Finance sees every figure; who sees money is tests/integration/money.test.ts.
const viewer = { id: 'finance-viewer', role: 'finance' } as const;

// The raw health signal this test writes for Burger Barn: 48 five-minute samples, an outage of four
// samples, one partial sample, and three samples never written (unmeasured).
const raw = Array.from({ length: 48 }, (_, i) => {
  const at = lastComplete - (47 - i) * STEP;
  if (i >= 30 && i <= 32) return null;
  return { at, value: i >= 10 && i <= 13 ? 0 : i === 20 ? 0.67 : 1 };
}).filter((p): p is { at: number; value: number } => p !== null);

describe('SLA figures reconcile with the raw datapoints in the emulator', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 1 });
    await seedDemoAws(fleet);
    // Straight through the SDK, not the app's own layer: what a health check would publish.
    const cloudwatch = new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 });
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Route53',
        MetricData: raw.map((p) => ({
          MetricName: 'HealthCheckStatus',
          Dimensions: [{ Name: 'HealthCheckId', Value: 'hc-burger-barn' }],
          Timestamp: new Date(p.at),
          Value: p.value,
        })),
      }),
    );
    expect((await collectFleet()).failedScopes).toEqual([]);
  });

  it('computes availability from exactly the datapoints written', async () => {
    const healthy = raw.filter((p) => p.value >= 1).length;
    const sla = await findChainSla('burger-barn', viewer);
    expect(sla!.last30Days).toMatchObject({
      healthyMinutes: healthy * 5,
      measuredMinutes: raw.length * 5,
      availability: healthy / raw.length,
    });
    // The month holds the same samples unless the month began inside the last four hours.
    const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
    const inMonth = raw.filter((p) => p.at >= monthStart);
    expect(sla!.month.measuredMinutes).toBe(inMonth.length * 5);
    expect(sla!.month.budget.spentMinutes).toBe(inMonth.filter((p) => p.value < 1).length * 5);
  });

  it('finds the incidents in the raw signal', async () => {
    const sla = await findChainSla('burger-barn', viewer);
    expect(sla!.incidents.map((i) => ({ start: i.start, badMinutes: i.badMinutes }))).toEqual([
      { start: new Date(raw.find((p) => p.value === 0.67)!.at).toISOString(), badMinutes: 5 },
      { start: new Date(raw.find((p) => p.value === 0)!.at).toISOString(), badMinutes: 20 },
    ]);
  });

  it('reports a chain with no datapoint as unmeasured, not as available', async () => {
    const sla = await findChainSla('green-bowl', viewer);
    expect(sla!.last30Days).toMatchObject({ availability: null, measuredMinutes: 0 });
    expect(sla!.month.credit.reason).toBe('unmeasured');
  });
});

describe('conformance from what the collector read', () => {
  it('shows the demo imperfections as findings and keeps their first-seen time', async () => {
    const ids = new Map((await db.chain.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]));
    const first = await findConformance('all');
    const rules = (slug: string) => first.get(ids.get(slug)!)!.findings.map((f) => `${f.rule}:${f.direction}`);
    expect(rules('pizza-piazza')).toEqual(['multi-az:under']);
    expect(rules('sunny-side-diner')).toEqual(['backup-retention:under', 'backup-age:under']);
    expect(rules('falafel-factory')).toEqual(['multi-az:over', 'database-kind:over']);
    expect(rules('burger-barn')).toEqual([]);
    const since = first.get(ids.get('pizza-piazza')!)!.findings[0]!.since;
    expect(since).not.toBeNull();

    await collectFleet();
    expect((await findConformance([ids.get('pizza-piazza')!])).get(ids.get('pizza-piazza')!)!.findings[0]!.since).toBe(
      since,
    );
  });

  it('never calls a deployment that was not read conforming', async () => {
    const tier = await db.slaTier.findFirstOrThrow({ where: { key: 'enterprise' }, select: { id: true } });
    const chain = await db.chain.create({
      data: {
        slug: 'not-read-yet',
        name: 'Not Read Yet',
        region: 'eu-west-1',
        awsAccountId: '123456789012',
        healthCheckId: 'hc-not-read-yet',
        tierId: tier.id,
        deployment: {
          create: { databaseKind: 'dedicated', dbInstanceIdentifier: 'fp-not-read-yet', databaseName: 'nry' },
        },
      },
      select: { id: true },
    });
    // Enterprise requires Multi-AZ, encryption and more: unread, none of it is known, so no finding and no "ok".
    expect((await findConformance([chain.id])).get(chain.id)).toEqual({ ok: false, read: false, findings: [] });
    await db.chain.update({ where: { id: chain.id }, data: { decommissionedAt: new Date() } });
  });

  it('clears a finding once AWS shows it fixed', async () => {
    await testRds('eu-central-1').send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'fp-pizza-piazza', MultiAZ: true, ApplyImmediately: true }),
    );
    await collectFleet();
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: 'pizza-piazza' }, select: { id: true } });
    expect((await findConformance([chain.id])).get(chain.id)).toEqual({ ok: true, read: true, findings: [] });
    expect(await db.conformanceFinding.count({ where: { chainId: chain.id } })).toBe(0);
  });
});
