import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { readSignals } from '@/lib/server/alerts/alert-signals';
import { evaluateAlerts, fingerprintOf } from '@/lib/server/alerts/evaluate-alerts';

// The lifecycle on recorded facts: pending through the group wait, firing once, reminders, silences and
// maintenance windows holding notifications, resolution; a flap within the group wait tells nobody.
const fleet = buildDemoFleet();
let chainId: string;
const t0 = new Date(Math.floor(Date.now() / 300_000) * 300_000);
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** Health samples of the last `minutes` (every 5 min, ending at t0), healthy or not. */
async function health(minutes: number, value: 0 | 1): Promise<void> {
  await db.healthSample.deleteMany({ where: { chainId } });
  const data = Array.from({ length: minutes / 5 }, (_, i) => ({
    chainId,
    at: new Date(t0.getTime() - i * 300_000),
    value,
  }));
  await db.healthSample.createMany({ data });
}

const burnAlert = () => db.alert.findMany({ where: { chainId, rule: 'slo-burn-page' }, orderBy: { startsAt: 'asc' } });

describe('alert lifecycle', () => {
  beforeAll(async () => {
    await seedDemoDb(fleet, { historyDays: 0.05 });
    chainId = (await db.chain.findUniqueOrThrow({ where: { slug: 'burger-barn' } })).id;
  });
  beforeEach(async () => {
    await db.alert.deleteMany({});
    await db.silence.deleteMany({});
    await db.maintenanceWindow.deleteMany({});
  });

  it('fires once after the group wait, reminds every interval, resolves when healthy again', async () => {
    await health(360, 0);
    expect((await evaluateAlerts(at(0))).opened).toBeGreaterThan(0);
    let [a] = await burnAlert();
    expect(a).toMatchObject({
      status: 'pending',
      notifiedAt: null,
      severity: 'page',
      fingerprint: fingerprintOf(chainId, 'slo-burn-page'),
    });

    await evaluateAlerts(at(10));
    expect((await burnAlert())[0]!.status).toBe('pending');
    const fired = await evaluateAlerts(at(31));
    expect(fired.fired).toBeGreaterThan(0);
    [a] = await burnAlert();
    expect(a!.status).toBe('firing');
    expect(a!.notifiedAt).toEqual(at(31));

    await evaluateAlerts(at(60));
    expect((await burnAlert())[0]!.notifiedAt).toEqual(at(31));
    await evaluateAlerts(at(31 + 4 * 3600));
    [a] = await burnAlert();
    expect(a).toMatchObject({ reminders: 1, notifiedAt: at(31 + 4 * 3600) });

    // Acknowledged: no more reminders.
    await db.alert.update({ where: { id: a!.id }, data: { acknowledgedAt: at(31 + 4 * 3600) } });
    await evaluateAlerts(at(31 + 9 * 3600));
    expect((await burnAlert())[0]!.reminders).toBe(1);

    await health(360, 1);
    const over = await evaluateAlerts(at(31 + 9 * 3600 + 60));
    expect(over.resolved).toBeGreaterThan(0);
    const all = await burnAlert();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'resolved', endsAt: at(31 + 9 * 3600 + 60), openKey: null });
  });

  it('forgets a flap that clears within the group wait', async () => {
    await health(360, 0);
    await evaluateAlerts(at(0));
    expect(await burnAlert()).toHaveLength(1);
    await health(360, 1);
    await evaluateAlerts(at(20));
    expect(await burnAlert()).toHaveLength(0);
  });

  it('holds notifications under a silence and tells when it ends, still firing', async () => {
    await health(360, 0);
    const silence = await db.silence.create({
      data: { chainId, rule: 'slo-burn-page', startsAt: at(-1), endsAt: at(600), reason: 'known: vendor outage' },
    });
    await evaluateAlerts(at(0));
    await evaluateAlerts(at(40));
    let [a] = await burnAlert();
    expect(a).toMatchObject({ status: 'firing', notifiedAt: null });
    expect(a!.heldBy).toContain('vendor outage');
    await evaluateAlerts(at(601));
    [a] = await burnAlert();
    expect(a).toMatchObject({ heldBy: null, notifiedAt: at(601) });
    expect(silence.id).toBeTruthy();
  });

  it('holds notifications in a maintenance window of the chain only', async () => {
    await health(360, 0);
    const day = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'][t0.getUTCDay()];
    await db.maintenanceWindow.create({
      data: {
        chainId,
        cron: `${t0.getUTCMinutes()} ${t0.getUTCHours()} * * ${day}`,
        durationMinutes: 120,
        reason: 'weekly patching',
      },
    });
    await evaluateAlerts(at(0));
    await evaluateAlerts(at(40));
    const [a] = await burnAlert();
    expect(a).toMatchObject({ status: 'firing', notifiedAt: null });
    expect(a!.heldBy).toContain('maintenance window');
    await evaluateAlerts(at(7201));
    expect((await burnAlert())[0]!.notifiedAt).toEqual(at(7201));
  });

  it('names a chain unreadable for 3 passes, and its alarms in ALARM, on that chain only', async () => {
    await health(360, 1);
    await db.deployment.update({
      where: { chainId },
      data: {
        unreadablePasses: 2,
        staleReason: 'us-east-1 (123456789012) could not be read: throttled',
        cloudwatchAlarms: [{ name: 'burger-cpu', reason: 'CPU 97% > 90%', since: t0.toISOString() }],
      },
    });
    const mine = async () => (await readSignals(at(0))).signals.filter((x) => x.chainId === chainId).map((x) => x.rule);
    expect(await mine()).toEqual(['cloudwatch-alarm']);
    await db.deployment.update({ where: { chainId }, data: { unreadablePasses: 3 } });
    expect(await mine()).toEqual(['cloudwatch-alarm', 'chain-unreadable']);
    const unreadable = (await readSignals(at(0))).signals.find(
      (x) => x.chainId === chainId && x.rule === 'chain-unreadable',
    );
    expect(unreadable!.detail.reason).toContain('throttled');
    const others = (await readSignals(at(0))).signals.filter((x) => x.chainId !== chainId);
    expect(others.filter((x) => x.rule === 'cloudwatch-alarm' || x.rule === 'chain-unreadable')).toEqual([]);
    await db.deployment.update({
      where: { chainId },
      data: { unreadablePasses: 0, staleReason: null, cloudwatchAlarms: [] },
    });
  });

  it('alerts once on a failed operation, until the same type succeeds', async () => {
    await health(360, 1);
    const op = (status: 'failed' | 'succeeded', s: number) =>
      db.operation.create({
        data: {
          chainId,
          type: 'backup',
          idempotencyKey: `k-${status}-${s}`,
          status,
          error: status === 'failed' ? 'snapshot quota exceeded' : null,
          startedAt: at(s - 30),
          finishedAt: at(s),
        },
      });
    await op('failed', -60);
    await evaluateAlerts(at(0));
    await evaluateAlerts(at(40));
    const failed = () => db.alert.findMany({ where: { chainId, rule: 'operation-failed' } });
    expect(await failed()).toHaveLength(1);
    expect((await failed())[0]!.summary).toContain('backup failed');
    // Three days on, nothing has succeeded since: still a problem, still one alert.
    await evaluateAlerts(at(3 * 86_400));
    expect((await failed()).map((a) => a.status)).toEqual(['firing']);
    await op('succeeded', 50);
    await evaluateAlerts(at(3 * 86_400 + 60));
    expect((await failed())[0]!.status).toBe('resolved');
  });

  it('closes a decommissioned chain’s alerts without announcing a recovery', async () => {
    await health(360, 0);
    await evaluateAlerts(at(0));
    await evaluateAlerts(at(40));
    const [a] = await burnAlert();
    expect(a!.status).toBe('firing');
    await db.chain.update({ where: { id: chainId }, data: { decommissionedAt: at(50) } });
    try {
      const r = await evaluateAlerts(at(60));
      expect(r.queued).toBe(0);
      const [closed] = await burnAlert();
      expect(closed).toMatchObject({ status: 'resolved', openKey: null });
      expect(closed!.summary).toContain('(chain decommissioned)');
    } finally {
      await db.chain.update({ where: { id: chainId }, data: { decommissionedAt: null } });
    }
  });
});
