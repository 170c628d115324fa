import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '@/lib/config';
import { deliverDueNotifications } from '@/lib/server/alerts/deliver-notifications';
import { evaluateAlerts } from '@/lib/server/alerts/evaluate-alerts';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { buildDemoSeries, writeDemoMetrics } from '@/lib/server/demo/demo-metrics';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { requireEmulator } from '../support/aws';
import { channel } from '../support/alert-fixture';
import { mailSink } from '../support/mail-sink';
import { webhookSink } from '../support/webhook-sink';

// From the emulator to people: unhealthy health samples written into CloudWatch for one chain, read by a
// collector pass, fire exactly one page alert through a webhook and an e-mail, and one resolved message each
// after the chain recovers; a silence holds another chain's page until it is ended; a failed operation alerts
// once. Every part is real: moto, the database, an HTTP receiver and an SMTP server in this process.

const fleet = buildDemoFleet();
const hook = webhookSink();
const mail = mailSink();
const now = Date.now();
const RECOVERED_FROM = now - 40 * 60_000;
const SICK = ['burger-barn', 'pizza-piazza'];

/** Health written for [from, to): the sick chains unhealthy before RECOVERED_FROM, everyone else healthy. */
async function writeHealth(from: number, to: number): Promise<void> {
  const series = (await buildDemoSeries(fleet, now)).filter((s) => s.metricName === 'HealthCheckStatus');
  const sick = new Set(SICK.map((slug) => `hc-${slug}`));
  await writeDemoMetrics(
    series.map((s) => ({
      ...s,
      valueAt: (t: number) => (sick.has(s.dimensions.HealthCheckId!) && t < RECOVERED_FROM ? 0 : 1),
    })),
    { from, to },
  );
}

const machine = (r: { json: unknown }) =>
  r.json as { status: string; rule: string; chain: { slug: string }; fingerprint: string };
let t = 0;
/** One evaluation a little later each time: the group wait passes between two. */
const evaluate = () => evaluateAlerts(new Date(Date.now() + (t += 31) * 1000));
const deliver = () => deliverDueNotifications({ workerId: 'end-to-end' });

describe('alerts from the emulator to a webhook and an inbox', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
    await db.healthSample.deleteMany({});
    await Promise.all([hook.start(), mail.start()]);
    config().mail = { url: mail.url, from: 'Fleetpane <alerts@fleetpane.test>' };
    await channel({ kind: 'webhook', url: hook.url, severities: ['page'], chainSlugs: SICK });
    await channel({ kind: 'email', emails: ['oncall@example.test'], severities: ['page'], chainSlugs: SICK });
  });
  afterAll(async () => {
    await Promise.all([hook.stop(), mail.stop()]);
  });

  it('fires one page through both channels, holds a silenced chain, and resolves once after recovery', async () => {
    const pizza = await db.chain.findUniqueOrThrow({ where: { slug: 'pizza-piazza' } });
    const silence = await db.silence.create({
      data: { chainId: pizza.id, endsAt: new Date(now + 3_600_000), reason: 'planned failover test' },
    });
    await writeHealth(now - 3 * 3_600_000, RECOVERED_FROM);
    expect((await collectFleet()).failedScopes).toEqual([]);
    for (let i = 0; i < 3; i++) await evaluate();
    await deliver();
    expect(hook.requests.map((r) => [machine(r).chain.slug, machine(r).rule, machine(r).status])).toEqual([
      ['burger-barn', 'slo-burn-page', 'firing'],
    ]);
    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]!.subject).toMatch(/FIRING.*Burger Barn/);
    const held = await db.alert.findFirstOrThrow({ where: { chainId: pizza.id, rule: 'slo-burn-page' } });
    expect(held).toMatchObject({ status: 'firing', notifiedAt: null });
    expect(held.heldBy).toContain('planned failover test');

    // Another pass and more evaluations: the same problem, nobody told again.
    await collectFleet();
    for (let i = 0; i < 2; i++) await evaluate();
    await deliver();
    expect(hook.requests).toHaveLength(1);

    // The silence ends: the held page is told now, once.
    await db.silence.update({ where: { id: silence.id }, data: { expiredAt: new Date() } });
    await evaluate();
    await deliver();
    expect(hook.requests.map((r) => machine(r).chain.slug)).toEqual(['burger-barn', 'pizza-piazza']);

    // Both recover: one resolved message per alert and channel, with the same fingerprint as its firing.
    await writeHealth(RECOVERED_FROM, now + 1);
    await collectFleet();
    for (let i = 0; i < 2; i++) await evaluate();
    await deliver();
    const resolved = hook.requests.filter((r) => machine(r).status === 'resolved');
    expect(resolved.map((r) => machine(r).chain.slug).sort()).toEqual(['burger-barn', 'pizza-piazza']);
    expect(machine(resolved.find((r) => machine(r).chain.slug === 'burger-barn')!).fingerprint).toBe(
      machine(hook.requests[0]!).fingerprint,
    );
    expect(mail.messages.map((m) => m.subject?.match(/^\[(\w+)/)?.[1])).toEqual([
      'FIRING',
      'FIRING',
      'RESOLVED',
      'RESOLVED',
    ]);
    expect(await db.notification.count({ where: { status: { not: 'sent' } } })).toBe(0);
  });

  it('alerts once on a failed operation', async () => {
    const before = hook.requests.length;
    await channel({ kind: 'webhook', url: hook.url, severities: ['ticket'], chainSlugs: ['bao-bar'] });
    const bao = await db.chain.findUniqueOrThrow({ where: { slug: 'bao-bar' } });
    await db.operation.create({
      data: {
        chainId: bao.id,
        type: 'scale-app',
        idempotencyKey: 'e2e-failed',
        status: 'failed',
        error: 'InsufficientInstanceCapacity',
        startedAt: new Date(),
        finishedAt: new Date(),
      },
    });
    for (let i = 0; i < 4; i++) await evaluate();
    await deliver();
    const told = hook.requests
      .slice(before)
      .map(machine)
      .filter((m) => m.rule === 'operation-failed');
    expect(told.map((m) => [m.chain.slug, m.status])).toEqual([['bao-bar', 'firing']]);
  });
});
