import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { config } from '@/lib/config';
import { deliverDueNotifications } from '@/lib/server/alerts/deliver-notifications';
import { queueAlertNotifications } from '@/lib/server/alerts/queue-notifications';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { channel, clearChannels, firingAlert, notificationsOf } from '../support/alert-fixture';
import { mailSink } from '../support/mail-sink';
import { webhookSink } from '../support/webhook-sink';

// Notifications from the queue to a real HTTP receiver and a real SMTP server, both in this process, against a
// real database: signed, rendered, retried with backoff, failed with the reason, taken over from a dead worker.

const hook = webhookSink();
const mail = mailSink();
const queue = (alert: Awaited<ReturnType<typeof firingAlert>>, kind: 'firing' | 'resolved' | 'reminder' = 'firing') =>
  db.$transaction((tx) => queueAlertNotifications(tx, alert, kind));
const drain = () => deliverDueNotifications({ workerId: 'test-worker' });

describe('alert notifications delivered', () => {
  beforeAll(async () => {
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    await Promise.all([hook.start(), mail.start()]);
    config().mail = { url: mail.url, from: 'Fleetpane <alerts@fleetpane.test>' };
  });
  afterAll(async () => {
    await Promise.all([hook.stop(), mail.stop()]);
  });
  beforeEach(async () => {
    await clearChannels();
    hook.clear();
    hook.answer = () => 200;
    mail.clear();
  });

  it('posts a signed, Slack-compatible webhook with the machine fields beside it', async () => {
    const { channel: c, secret } = await channel({ kind: 'webhook', url: hook.url });
    const alert = await firingAlert('burger-barn');
    expect(await queue(alert)).toBe(1);
    expect(await drain()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    const [req] = hook.requests;
    const [n] = await notificationsOf(c.id);
    expect(n).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(req!.method).toBe('POST');
    expect(req!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Fleetpane',
      'x-fleetpane-delivery': n!.id,
    });
    const ts = req!.headers['x-fleetpane-timestamp'] as string;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac('sha256', secret!).update(`${ts}.${req!.raw}`).digest('hex');
    expect(req!.headers['x-fleetpane-signature']).toBe(`sha256=${expected}`);
    expect(req!.json).toMatchObject({
      text: '[FIRING] Burger Barn — SLO burn rate 1 h/5 min above 14.4× (page)',
      attachments: [
        {
          color: '#d7263d',
          title_link: `${config().appOrigin}/alerts?chain=burger-barn`,
          footer: 'Fleetpane',
          ts: Math.floor(alert.startsAt.getTime() / 1000),
          fields: expect.arrayContaining([{ title: 'Burn rate (1 h)', value: '16.2×', short: true }]),
        },
      ],
      fingerprint: alert.fingerprint,
      status: 'firing',
      kind: 'firing',
      chain: { slug: 'burger-barn', name: 'Burger Barn' },
      rule: 'slo-burn-page',
      severity: 'page',
      summary: 'SLO burn rate 1 h/5 min above 14.4×',
      startsAt: alert.startsAt.toISOString(),
      endsAt: null,
      url: `${config().appOrigin}/alerts?chain=burger-barn`,
    });
  });

  it('mails text and HTML (escaped) with the notification’s id as Message-ID', async () => {
    const { channel: c } = await channel({ kind: 'email', emails: ['oncall@example.com'] });
    const alert = await firingAlert('bao-bar', { severity: 'ticket', summary: 'Backups <late> & "stale"' });
    await queue(alert);
    expect(await drain()).toMatchObject({ sent: 1 });
    const [m] = await mail.waitFor(1);
    const [n] = await notificationsOf(c.id);
    expect(m).toMatchObject({
      messageId: `<${n!.id}@fleetpane>`,
      from: expect.stringMatching(/^"?Fleetpane"? <alerts@fleetpane\.test>$/),
      to: ['oncall@example.com'],
      subject: '[FIRING] Bao Bar — Backups <late> & "stale" (ticket)',
    });
    expect(m!.text).toContain('Burn rate (1 h): 16.2×');
    expect(m!.text).toContain(`${config().appOrigin}/alerts?chain=bao-bar`);
    expect(m!.html).toContain('Backups &lt;late&gt; &amp; &quot;stale&quot;');
    expect(m!.html).not.toContain('<late>');
    expect(n).toMatchObject({ status: 'sent', transport: 'email', target: 'oncall@example.com' });
  });

  it('queues a notification once however often it is queued; a reminder is its own', async () => {
    await channel({ kind: 'webhook', url: hook.url });
    const alert = await firingAlert('burger-barn');
    expect(await queue(alert)).toBe(1);
    expect(await queue(alert)).toBe(0);
    expect(await db.$transaction((tx) => queueAlertNotifications(tx, alert, 'reminder', 1))).toBe(1);
    expect(await db.$transaction((tx) => queueAlertNotifications(tx, alert, 'reminder', 1))).toBe(0);
    expect(await db.$transaction((tx) => queueAlertNotifications(tx, alert, 'reminder', 2))).toBe(1);
    await drain();
    expect(hook.requests.map((r) => (r.json as { kind: string }).kind).sort()).toEqual([
      'firing',
      'reminder',
      'reminder',
    ]);
  });

  it('retries a 500 with backoff and sends it once when the receiver takes it', async () => {
    hook.answer = (r) => (r.n === 1 ? 500 : 200);
    const { channel: c } = await channel({ kind: 'webhook', url: hook.url });
    await queue(await firingAlert('burger-barn'));
    expect(await drain()).toMatchObject({ sent: 0, retrying: 1 });
    const [retry] = await notificationsOf(c.id);
    expect(retry).toMatchObject({ status: 'queued', attempts: 1, lockedBy: null });
    expect(retry!.lastError).toMatch(/answered HTTP 500/);
    const wait = retry!.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(37_000);
    expect(await drain()).toMatchObject({ sent: 0, retrying: 0 }); // not due yet
    await db.notification.update({ where: { id: retry!.id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    expect(await drain()).toMatchObject({ sent: 1 });
    expect((await notificationsOf(c.id))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(hook.answered().filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('fails at once on a 400, saying what the receiver answered', async () => {
    hook.answer = () => 400;
    const { channel: c } = await channel({ kind: 'webhook', url: hook.url });
    await queue(await firingAlert('burger-barn'));
    expect(await drain()).toMatchObject({ failed: 1 });
    const [n] = await notificationsOf(c.id);
    expect(n).toMatchObject({ status: 'failed', attempts: 1 });
    expect(n!.lastError).toBe(`${hook.url} answered HTTP 400: status 400 from the test`);
  });

  it('fails an e-mail when no SMTP server is configured, saying so', async () => {
    const saved = config().mail;
    config().mail = undefined;
    try {
      const { channel: c } = await channel({ kind: 'email', emails: ['oncall@example.com'] });
      await queue(await firingAlert('bao-bar'));
      expect(await drain()).toMatchObject({ failed: 1 });
      const [n] = await notificationsOf(c.id);
      expect(n).toMatchObject({ status: 'failed' });
      expect(n!.lastError).toMatch(/no SMTP server is configured \(FLEETPANE_SMTP_URL is unset\)/);
    } finally {
      config().mail = saved;
    }
  });

  it('retries an SMTP 4xx and fails an SMTP 5xx', async () => {
    const { channel: c } = await channel({ kind: 'email', emails: ['oncall@example.com'] });
    try {
      mail.refuse(451);
      await queue(await firingAlert('bao-bar'));
      expect(await drain()).toMatchObject({ retrying: 1 });
      mail.refuse(550);
      await db.notification.updateMany({ where: { channelId: c.id }, data: { nextAttemptAt: new Date(0) } });
      expect(await drain()).toMatchObject({ failed: 1 });
    } finally {
      mail.refuse(null);
    }
    const [n] = await notificationsOf(c.id);
    expect(n).toMatchObject({ status: 'failed', attempts: 2 });
    expect(n!.lastError).toMatch(/^the SMTP server refused it: 550/);
  });

  it('takes over a notification whose sender died mid-send, and leaves one under a live claim', async () => {
    const { channel: c } = await channel({ kind: 'webhook', url: hook.url });
    await queue(await firingAlert('burger-barn'));
    await queue(await firingAlert('bao-bar'));
    const [dead, live] = await notificationsOf(c.id);
    const claim = (id: string, until: number) =>
      db.notification.update({
        where: { id },
        data: { status: 'sending', lockedBy: 'dead-worker', lockedUntil: new Date(until), attempts: 1 },
      });
    await claim(dead!.id, Date.now() - 1_000);
    await claim(live!.id, Date.now() + 60_000);
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(hook.requests.map((r) => r.headers['x-fleetpane-delivery'])).toEqual([dead!.id]);
    const after = await db.notification.findUniqueOrThrow({ where: { id: dead!.id } });
    expect(after).toMatchObject({ status: 'sent', attempts: 2, lockedBy: null });
    expect(await db.notification.findUniqueOrThrow({ where: { id: live!.id } })).toMatchObject({
      status: 'sending',
      lockedBy: 'dead-worker',
    });
  });

  it('fails a notification whose channel was deleted before it was sent', async () => {
    const { channel: c } = await channel({ kind: 'webhook', url: hook.url });
    const alert = await firingAlert('burger-barn');
    await queue(alert);
    await db.alertChannel.delete({ where: { id: c.id } });
    expect(await drain()).toMatchObject({ failed: 1 });
    const [n] = await db.notification.findMany({ where: { alertId: alert.id } });
    expect(n).toMatchObject({ status: 'failed', lastError: 'the channel was deleted before it was sent' });
    expect(hook.requests).toHaveLength(0);
  });
});
