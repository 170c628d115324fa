import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { buildDemoSeries, writeDemoMetrics } from '@/lib/server/demo/demo-metrics';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { findConformance } from '@/lib/server/sla/find-conformance';
import { findChainSla } from '@/lib/server/sla/find-chain-sla';
import { requireEmulator } from '../support/aws';

// A first start against an emulator the app was told nothing about (a user's own, through AWS_ENDPOINT_URL:
// no slicing setting), with days of CloudWatch history in it: the first collector pass alone makes every
// chain's deployment, health and conformance known, without waiting for the history, and within the 30 s
// a new user gives the pane (the test's own time limit; the figures are bench:startup's).
delete process.env.FLEETPANE_METRIC_MAX_PERIODS;
const fleet = buildDemoFleet();
const HISTORY_DAYS = 3;

describe('a first start against an emulator nothing configured', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: HISTORY_DAYS });
    await seedDemoAws(fleet);
    const now = Date.now();
    await writeDemoMetrics(await buildDemoSeries(fleet, now), { from: now - HISTORY_DAYS * 86_400_000, to: now + 1 });
  }, 120_000);

  it('knows every chain after one pass: deployment, health, conformance; the history comes after', async () => {
    const pass = await collectFleet();
    expect(pass.failedScopes).toEqual([]);
    const chains = await db.chain.findMany({
      where: { decommissionedAt: null },
      select: { id: true, slug: true, deployment: { select: { refreshedAt: true, dbClass: true, health: true } } },
    });
    expect(chains).toHaveLength(fleet.chains.length);
    const unread = chains.filter((c) => !c.deployment?.refreshedAt || !c.deployment.dbClass).map((c) => c.slug);
    expect(unread, 'deployments not read').toEqual([]);
    const unknown = chains.filter((c) => c.deployment?.health === 'unknown').map((c) => c.slug);
    expect(unknown, 'health unknown').toEqual([]);
    const conformance = await findConformance('all');
    expect(chains.filter((c) => !conformance.get(c.id)?.read).map((c) => c.slug)).toEqual([]);
    // The pass did not wait for the days of history: that is the history job's.
    const sla = await findChainSla('burger-barn', { id: 'admin-viewer', role: 'admin' });
    expect(sla!.history.complete).toBe(false);
  }, 30_000);
});
