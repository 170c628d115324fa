import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertChainRef, routeAlert } from '@/lib/server/alerts/route-alert';
import { deleteChannel as deleteChannelThrowing } from '@/lib/server/alerts/delete-channel';
import { deliverDueNotifications } from '@/lib/server/alerts/deliver-notifications';
import { findChannel, listChannels } from '@/lib/server/alerts/find-channels';
import { queueAlertNotifications, queueEmail, summaryChannels } from '@/lib/server/alerts/queue-notifications';
import { sendTestNotification } from '@/lib/server/alerts/send-test-notification';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { adminActor, channel as channelThrowing, clearChannels, firingAlert } from '../support/alert-fixture';
import { outcomeOf } from '../support/outcome';
import { webhookSink } from '../support/webhook-sink';

// Alert channels: created with a secret shown once and audited without it; routed by severity, tier and
// chain, and to a chain's account manager; "send a test" goes through the queue and shows how it went.

const channel = outcomeOf(channelThrowing);
const deleteChannel = outcomeOf(deleteChannelThrowing);
const hook = webhookSink();
const names = async (slug: string, severity: 'page' | 'ticket') =>
  (await routeAlert(await alertChainRef((await db.chain.findUniqueOrThrow({ where: { slug } })).id), severity)).map(
    (c) => c.name,
  );
const created = async (body: Record<string, unknown>) => {
  const r = await channel(body);
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe('alert channels', () => {
  beforeAll(async () => {
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    await hook.start();
  });
  afterAll(() => hook.stop());
  beforeEach(() => clearChannels());

  it('answers a webhook’s generated secret once, lists only that it has one, and audits it without the secret', async () => {
    const r = await created({ name: 'ops-slack', kind: 'webhook', url: hook.url });
    expect(r.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.channel).toMatchObject({ name: 'ops-slack', hasSecret: true, lastDeliveries: [] });
    expect(JSON.stringify(await listChannels())).not.toContain(r.secret!);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'alert-channel.create', target: 'alert-channel:ops-slack' },
    });
    expect(event.after).toMatchObject({ kind: 'webhook', url: hook.url, hasSecret: true });
    expect(JSON.stringify([event.after, event.before, event.detail])).not.toContain(r.secret!);
  });

  it('refuses unknown tiers and chains, a webhook without a URL, an e-mail channel with nobody, a taken name', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const r = await channel({ name: 'x', ...body });
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(await refused({ kind: 'webhook', url: hook.url, tierKeys: ['gold'], chainSlugs: ['nope'] })).toMatch(
      /tierKeys: there is no SLA tier "gold"; chainSlugs: there is no chain "nope"/,
    );
    expect(await refused({ kind: 'webhook' })).toMatch(/url: a webhook channel needs its URL/);
    expect(await refused({ kind: 'webhook', url: 'ftp://example.com' })).toMatch(/url is an http\(s\) URL/);
    expect(await refused({ kind: 'email' })).toMatch(/at least one address, or toAccountManager/);
    expect(await refused({ kind: 'email', emails: ['not-an-address'] })).toMatch(/e-mail address/);
    expect(await refused({ kind: 'email', emails: ['a@example.com'], severities: ['urgent'] })).toMatch(
      /page or ticket/,
    );
    await created({ name: 'taken', kind: 'email', emails: ['a@example.com'] });
    expect(await refused({ name: 'taken', kind: 'email', emails: ['b@example.com'] })).toMatch(/exists already/);
    expect(await db.alertChannel.count()).toBe(1);
  });

  it('routes by severity, tier and chain (an empty list: all), disabled channels never', async () => {
    const email = { kind: 'email', emails: ['x@example.com'] };
    await created({ name: 'all', ...email });
    await created({ name: 'pages', ...email, severities: ['page'] });
    await created({ name: 'enterprise', ...email, tierKeys: ['enterprise'] });
    await created({ name: 'bao-only', ...email, chainSlugs: ['bao-bar'] });
    await created({ name: 'off', ...email, enabled: false });
    expect(await names('burger-barn', 'page')).toEqual(['all', 'enterprise', 'pages']);
    expect(await names('burger-barn', 'ticket')).toEqual(['all', 'enterprise']);
    expect(await names('bao-bar', 'ticket')).toEqual(['all', 'bao-only']);
  });

  it('mails the chain’s account manager while active; with neither manager nor addresses the channel is skipped', async () => {
    await created({ name: 'am-only', kind: 'email', toAccountManager: true });
    await created({ name: 'am-and-list', kind: 'email', toAccountManager: true, emails: ['desk@example.com'] });
    const burger = await db.chain.findUniqueOrThrow({
      where: { slug: 'burger-barn' },
      include: { accountManager: true },
    });
    const am = burger.accountManager!;
    const alert = await firingAlert('burger-barn');
    expect(await db.$transaction((tx) => queueAlertNotifications(tx, alert, 'firing'))).toBe(2);
    const targets = (await db.notification.findMany({ where: { alertId: alert.id } })).map((n) => n.target).sort();
    expect(targets).toEqual([am.email, `${am.email},desk@example.com`].sort());
    await db.user.update({ where: { id: am.id }, data: { active: false } });
    try {
      const later = await firingAlert('burger-barn');
      expect(await db.$transaction((tx) => queueAlertNotifications(tx, later, 'firing'))).toBe(1);
      expect((await db.notification.findFirstOrThrow({ where: { alertId: later.id } })).target).toBe(
        'desk@example.com',
      );
    } finally {
      await db.user.update({ where: { id: am.id }, data: { active: true } });
    }
  });

  it('sends a test through the queue, audited, and shows the outcome among the channel’s last deliveries', async () => {
    const r = await created({ name: 'test-me', kind: 'webhook', url: hook.url });
    hook.clear();
    const { notificationId } = await sendTestNotification(r.channel.id, await adminActor());
    expect((await findChannel(r.channel.id)).lastDeliveries).toMatchObject([{ id: notificationId, status: 'queued' }]);
    await deliverDueNotifications();
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]!.headers['x-fleetpane-delivery']).toBe(notificationId);
    expect(hook.requests[0]!.json).toMatchObject({
      kind: 'test',
      text: expect.stringMatching(/^\[TEST\] Fleetpane — /),
    });
    expect((await findChannel(r.channel.id)).lastDeliveries).toMatchObject([
      { id: notificationId, kind: 'test', status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(String) },
    ]);
    expect(
      await db.auditEvent.count({
        where: { action: 'alert-channel.test', detail: { path: ['notificationId'], equals: notificationId } },
      }),
    ).toBe(1);
  });

  it('deletes a channel, audited; an unknown one is a 404', async () => {
    const r = await created({ name: 'gone', kind: 'email', emails: ['a@example.com'] });
    expect((await deleteChannel(r.channel.id, await adminActor())).ok).toBe(true);
    expect(await db.alertChannel.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'alert-channel.delete', target: 'alert-channel:gone' } })).toBe(
      1,
    );
    const again = await deleteChannel(r.channel.id, await adminActor());
    expect(again).toMatchObject({ ok: false, status: 404 });
    expect(await deleteChannel('not-a-uuid', await adminActor())).toMatchObject({ ok: false, status: 404 });
  });

  it('lists the nightly summary’s channels, and queues a summary e-mail once', async () => {
    const r = await created({ name: 'ops-mail', kind: 'email', emails: ['ops@example.com'], nightlySummary: true });
    await created({ name: 'no-summary', kind: 'email', emails: ['b@example.com'] });
    expect(await summaryChannels()).toEqual([{ id: r.channel.id, name: 'ops-mail', emails: ['ops@example.com'] }]);
    const email = { dedupeKey: 'summary:2026-12-05', kind: 'summary' as const, to: ['ops@example.com'] };
    const body = {
      ...email,
      subject: 'Nightly check',
      text: 'All fine',
      html: '<p>All fine</p>',
      channelId: r.channel.id,
    };
    expect(await db.$transaction((tx) => queueEmail(tx, body))).toBe(true);
    expect(await db.$transaction((tx) => queueEmail(tx, body))).toBe(false);
    expect(await db.notification.count({ where: { kind: 'summary' } })).toBe(1);
  });
});
