import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { backfillHealthHistory } from '@/lib/server/fleet/backfill-health';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { findChainSla } from '@/lib/server/sla/find-chain-sla';
import { requireEmulator } from '../support/aws';

// Current state first: a collector pass reads a few hours of health whatever the history holds, and the
// health-history job reads the rest, newest first, showing its progress. Burger Barn has two days of health
// in the emulator (written straight through the SDK, as its Route 53 health check would).

const STEP = 5 * 60_000;
const now = Date.now();
const last = Math.floor(now / STEP) * STEP - STEP;
const points = Array.from({ length: 2 * 288 - 12 }, (_, i) => last - i * STEP);
const viewer = { id: 'admin-viewer', role: 'admin' } as const;

const samplesOf = async () =>
  db.healthSample.findMany({
    where: { chain: { slug: 'burger-barn' } },
    orderBy: { at: 'asc' },
    select: { at: true },
  });

describe('health history behind bounded collector passes', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(buildDemoFleet(), { historyDays: 2 });
    await seedDemoAws(buildDemoFleet());
    const cloudwatch = new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 });
    for (let i = 0; i < points.length; i += 500) {
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/Route53',
          MetricData: points.slice(i, i + 500).map((at) => ({
            MetricName: 'HealthCheckStatus',
            Dimensions: [{ Name: 'HealthCheckId', Value: 'hc-burger-barn' }],
            Timestamp: new Date(at),
            Value: 1,
          })),
        }),
      );
    }
  });

  it('a pass reads the newest six hours only, and says how much history is read', async () => {
    expect((await collectFleet()).failedScopes).toEqual([]);
    const samples = await samplesOf();
    expect(samples.length).toBeGreaterThan(60);
    expect(samples[0]!.at.getTime()).toBeGreaterThanOrEqual(now - 6 * 3_600_000 - 10 * 60_000);
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: 'burger-barn' } });
    expect(chain.healthHistoryFrom!.getTime()).toBeGreaterThan(now - 7 * 3_600_000);
    const sla = await findChainSla('burger-barn', viewer);
    expect(sla!.history).toEqual({ readDays: 0, totalDays: 2, complete: false });
    expect(sla!.month.availability).toBe(1); // what is read is current; the rest is unmeasured, not "down"
  });

  it('the history job reads the rest, newest first, until the chain was made, and a second run reads nothing', async () => {
    const summary = await backfillHealthHistory({ budgetMs: 60_000 });
    expect(summary).toMatch(/^\d+ slice\(s\) of health history read, \d+ samples$/);
    const samples = await samplesOf();
    expect(samples).toHaveLength(points.length);
    expect(samples[0]!.at.getTime()).toBe(points.at(-1));
    expect((await findChainSla('burger-barn', viewer))!.history).toEqual({ readDays: 2, totalDays: 2, complete: true });
    expect(await backfillHealthHistory({ budgetMs: 60_000 })).toBe('0 slice(s) of health history read, 0 samples');
    // The day rollups the SLA figures read include the backfilled days.
    const days = await db.healthDay.findMany({ where: { chain: { slug: 'burger-barn' } } });
    expect(days.reduce((n, d) => n + d.measured, 0)).toBe(points.length);
  });
});
