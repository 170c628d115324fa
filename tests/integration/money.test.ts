import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { findChainSla } from '@/lib/server/sla/find-chain-sla';
import { findContract } from '@/lib/server/sla/find-contract';
import { findSlaFleet } from '@/lib/server/sla/find-sla-fleet';
import { findSlaReport } from '@/lib/server/sla/find-sla-report';
import { monthStartUtc } from '@/lib/sla/sla-math';
import { requireEmulator } from '../support/aws';

// Who sees a chain's money (DESIGN.md, Roles), read through the real finders on a seeded database: Burger
// Barn is am@'s chain; an outage written into the emulator gives it a credit this month.
const STEP = 5 * 60_000;
const lastComplete = Math.floor(Date.now() / STEP) * STEP - STEP;
// 24 samples, the middle six unhealthy: 75 % available, below every band, so a credit in currency.
const raw = Array.from({ length: 24 }, (_, i) => ({
  at: lastComplete - (23 - i) * STEP,
  value: i >= 9 && i < 15 ? 0 : 1,
}));

type Who = 'admin' | 'finance' | 'am' | 'am2' | 'ops';
const viewers = new Map<Who, { id: string; role: Role }>();
const viewer = (who: Who) => viewers.get(who)!;
// Burger Barn's contract (demo data): Enterprise 4,900.00, upgrades 350.00 and 92.00, total 5,342.00.
const figures = ['4900.00', '350.00', '92.00', '5342.00'];
let credit: string;

beforeAll(async () => {
  requireEmulator();
  await seedDemoDb(buildDemoFleet(), { historyDays: 1 });
  await seedDemoAws(buildDemoFleet());
  await new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 }).send(
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
  for (const who of ['admin', 'finance', 'am', 'am2', 'ops'] as const) {
    const where = { email: `${who}@fleetpane.local` };
    viewers.set(who, await db.user.findUniqueOrThrow({ where, select: { id: true, role: true } }));
  }
  const sla = await findChainSla('burger-barn', viewer('admin'));
  if (sla?.moneyHidden !== false || sla.month.credit.reason !== 'band') throw new Error('expected a credit this month');
  credit = sla.month.credit.amount;
});

describe('who sees money', () => {
  it.each(['admin', 'finance', 'am'] as const)('%s sees the contract, its total and the credit amount', async (who) => {
    const [contract, sla, report] = await Promise.all([
      findContract('burger-barn', viewer(who)),
      findChainSla('burger-barn', viewer(who)),
      findSlaReport('burger-barn', monthStartUtc(new Date()), viewer(who)),
    ]);
    expect(contract?.contract).toMatchObject({ moneyHidden: false, monthlyPrice: '4900.00' });
    expect(sla).toMatchObject({ moneyHidden: false, contract: { monthlyTotal: '5342.00' } });
    expect(report).toMatchObject({ moneyHidden: false, credit: { amount: credit, base: '5342.00' } });
    expect(credit).toBe('2671.00'); // 50 % of 5,342.00: 75 % is below the 95 % band
  });

  it.each(['am2', 'ops'] as const)('%s gets the same SLA facts with every amount left out', async (who) => {
    const [contract, sla, report, full] = await Promise.all([
      findContract('burger-barn', viewer(who)),
      findChainSla('burger-barn', viewer(who)),
      findSlaReport('burger-barn', monthStartUtc(new Date()), viewer(who)),
      findChainSla('burger-barn', viewer('admin')),
    ]);
    for (const dto of [contract, sla, report]) {
      expect(dto).not.toBeNull();
      for (const figure of [...figures, credit]) expect(JSON.stringify(dto)).not.toContain(figure);
    }
    expect(contract?.contract).toMatchObject({
      moneyHidden: true,
      tier: 'enterprise',
      upgrades: [{ key: 'performance-tuning' }, { key: 'extra-storage', quantity: 400 }],
    });
    expect(sla).toMatchObject({
      moneyHidden: true,
      tier: full!.tier,
      month: { availability: full!.month.availability, budget: full!.month.budget, credit: { creditPct: 50 } },
      conformance: full!.conformance,
      contract: { creditSchedule: full!.contract!.creditSchedule },
    });
    expect(report).toMatchObject({ moneyHidden: true, credit: { creditPct: 50, reason: 'band' } });
  });

  it('the SLA list shows an account manager the amounts of their own chains only', async () => {
    const query = { managerId: null, sort: 'name', page: 1, size: 100 } as const;
    const am = await findSlaFleet({ ...query, viewer: viewer('am') });
    const row = (slug: string) => am.rows.find((r) => r.slug === slug)!;
    expect(row('burger-barn')).toMatchObject({ moneyHidden: false, month: { credit: { amount: credit } } });
    expect(row('pizza-piazza').moneyHidden).toBe(true); // am2's
    const ops = await findSlaFleet({ ...query, viewer: viewer('ops') });
    expect(ops.rows.every((r) => r.moneyHidden)).toBe(true);
    expect(JSON.stringify(ops)).not.toContain(credit);
    expect(ops.rows.map((r) => r.month.availability)).toEqual(am.rows.map((r) => r.month.availability));
  });
});
