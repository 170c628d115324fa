import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueAlertNotifications } from '@/lib/server/alerts/queue-notifications';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { channel, firingAlert } from '../support/alert-fixture';
import { webhookSink } from '../support/webhook-sink';
import { until, workerProcesses } from '../support/worker-process';

// A worker process is killed (SIGKILL) while a webhook receiver holds its request open; the next worker takes
// the notification over. In the end the receiver answered each notification exactly once (counted by
// X-Fleetpane-Delivery among the answered requests), none is lost, and the database says sent. Worker
// processes need a PostgreSQL server: with the embedded database (one process only) this is skipped.
const server = !!process.env.DATABASE_URL;
const workers = workerProcesses();
// The first request is held open, never answered: the worker dies in the middle of it.
const hook = webhookSink((r) => (r.n === 1 ? 'hold' : 200));

const worker = () =>
  workers.start({
    FLEETPANE_SCHEDULE_CLAIM_MS: '3000',
    FLEETPANE_NOTIFICATION_CLAIM_MS: '4000',
    FLEETPANE_NOTIFICATION_TIMEOUT_MS: '3000',
  });

describe.skipIf(!server)('a worker killed mid-delivery', () => {
  beforeAll(async () => {
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    await hook.start();
  });
  afterAll(async () => {
    workers.killAll();
    await hook.stop();
  });

  it('is delivered by the next worker: each notification accepted once, none lost', async () => {
    for (const name of ['ops-hook', 'desk-hook', 'bridge-hook'])
      await channel({ name, kind: 'webhook', url: hook.url });
    const alert = await firingAlert('burger-barn');
    expect(await db.$transaction((tx) => queueAlertNotifications(tx, alert, 'firing'))).toBe(3);
    const ids = (await db.notification.findMany({ where: { alertId: alert.id }, select: { id: true } })).map(
      (n) => n.id,
    );

    const first = worker();
    // The held request arrived and the other two were taken and recorded: kill the worker mid-request.
    await until(
      async () => hook.requests.length >= 1 && (await db.notification.count({ where: { status: 'sent' } })) === 2,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const held = hook.requests[0]!.headers['x-fleetpane-delivery'] as string;
    expect(await db.notification.findUniqueOrThrow({ where: { id: held } })).toMatchObject({ status: 'sending' });

    worker();
    await until(async () => (await db.notification.count({ where: { id: { in: ids }, status: 'sent' } })) === 3);
    const accepted = hook
      .answered()
      .filter((r) => r.status === 200)
      .map((r) => r.headers['x-fleetpane-delivery']);
    expect(accepted.sort()).toEqual([...ids].sort());
    expect(await db.notification.findUniqueOrThrow({ where: { id: held } })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    // Two requests carried the held one's id: the one that was never answered, and the one accepted.
    expect(hook.requests.filter((r) => r.headers['x-fleetpane-delivery'] === held).map((r) => r.status)).toEqual([
      null,
      200,
    ]);
  });
});
