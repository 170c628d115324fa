import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';
import { acknowledgeAlert as acknowledgeAlertThrowing } from '@/lib/server/alerts/acknowledge-alert';
import { fingerprintOf } from '@/lib/server/alerts/evaluate-alerts';
import { findAlerts as findAlertsThrowing } from '@/lib/server/alerts/find-alerts';
import {
  createMaintenanceWindow as createWindowThrowing,
  deleteMaintenanceWindow,
  findMaintenanceWindows,
} from '@/lib/server/alerts/maintenance-windows';
import {
  createSilence as createSilenceThrowing,
  expireSilence as expireSilenceThrowing,
} from '@/lib/server/alerts/silences';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { outcomeOf } from '../support/outcome';

// Who may acknowledge, silence and set windows, what is refused and why, and that each change is audited once.
const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

const ack = outcomeOf(acknowledgeAlertThrowing);
const findAlerts = outcomeOf(findAlertsThrowing);
const createSilence = outcomeOf(createSilenceThrowing);
const expireSilence = outcomeOf(expireSilenceThrowing);
const createWindow = outcomeOf(createWindowThrowing);

const users: Record<string, SessionUser> = {};
const as = (who: string) => (caller.user = users[who]!);
const hourFromNow = () => new Date(Date.now() + 3_600_000).toISOString();
const eventsOf = (action: string) => db.auditEvent.findMany({ where: { action } });

async function openAlert(slug: string, rule = 'flag-drift', status: 'firing' | 'resolved' = 'firing') {
  const chain = await db.chain.findUniqueOrThrow({ where: { slug } });
  const fingerprint = fingerprintOf(chain.id, rule);
  return db.alert.create({
    data: {
      fingerprint,
      openKey: status === 'resolved' ? null : fingerprint,
      chainId: chain.id,
      rule,
      severity: 'ticket',
      status,
      summary: `${slug} drifted`,
      endsAt: status === 'resolved' ? new Date() : null,
    },
  });
}

describe('alert API', () => {
  beforeAll(async () => {
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    for (const u of await db.user.findMany({ select: { id: true, email: true, name: true, role: true } }))
      users[u.email.split('@')[0]!] = u as SessionUser;
  });

  it('acknowledges once, on the chain the account manager manages only; a resolved alert is a 409', async () => {
    const a = await openAlert('burger-barn');
    as('am2');
    expect(await ack(a.id)).toMatchObject({ ok: false, status: 403 });
    as('finance');
    expect(await ack(a.id)).toMatchObject({ ok: false, status: 403 });
    as('am');
    const first = await ack(a.id);
    expect(first).toMatchObject({ ok: true, alert: { acknowledgedBy: 'am@fleetpane.local' } });
    expect(await ack(a.id)).toMatchObject({ ok: true });
    expect(
      (await eventsOf('alert.acknowledged')).filter((e) => (e.detail as { alert: string }).alert === a.id),
    ).toHaveLength(1);
    const done = await openAlert('burger-barn', 'backup-stale', 'resolved');
    as('ops');
    expect(await ack(done.id)).toMatchObject({ ok: false, status: 409 });
    expect(await ack('not-an-id')).toMatchObject({ ok: false, status: 404 });
  });

  it('lists open alerts first and refuses bad filters', async () => {
    as('finance');
    const list = await findAlerts({});
    expect(list.ok && list.alerts[0]!.status).toBe('firing');
    expect(await findAlerts({ state: 'burning' })).toMatchObject({ ok: false, status: 400 });
    expect(await findAlerts({ rule: 'nope' })).toMatchObject({ ok: false, status: 400 });
    expect(await findAlerts({ surprise: '1' })).toMatchObject({ ok: false, status: 400 });
    const resolved = await findAlerts({ state: 'resolved', chain: 'burger-barn' });
    expect(resolved.ok && resolved.alerts.map((a) => a.status)).toEqual(['resolved']);
  });

  it('silences: validated, for ops and admins, audited, ended early once', async () => {
    as('finance');
    expect(await createSilence({ chain: 'burger-barn', endsAt: hourFromNow(), reason: 'test' })).toMatchObject({
      ok: false,
      status: 403,
    });
    as('ops');
    const before = await db.silence.count();
    for (const bad of [
      { endsAt: hourFromNow(), reason: 'everything' },
      { chain: 'burger-barn', endsAt: new Date(Date.now() - 1000).toISOString(), reason: 'past' },
      { chain: 'burger-barn', endsAt: new Date(Date.now() + 31 * 86_400_000).toISOString(), reason: 'too long' },
      { chain: 'no-such-chain', endsAt: hourFromNow(), reason: 'unknown chain' },
      { chain: 'burger-barn', rule: 'nope', endsAt: hourFromNow(), reason: 'bad rule' },
      { chain: 'burger-barn', endsAt: hourFromNow(), reason: '' },
    ])
      expect(await createSilence(bad), JSON.stringify(bad)).toMatchObject({ ok: false, status: 400 });
    expect(await db.silence.count()).toBe(before);
    const made = await createSilence({
      chain: 'burger-barn',
      rule: 'flag-drift',
      endsAt: hourFromNow(),
      reason: 'known drift',
    });
    expect(made).toMatchObject({
      ok: true,
      silence: { active: true, rule: 'flag-drift', chain: { slug: 'burger-barn' } },
    });
    const id = made.ok ? made.silence.id : '';
    expect(await eventsOf('silence.created')).toHaveLength(1);
    expect(await expireSilence(id)).toMatchObject({ ok: true, silence: { active: false } });
    expect(await expireSilence(id)).toMatchObject({ ok: false, status: 409 });
    expect(await eventsOf('silence.expired')).toHaveLength(1);
  });

  it('maintenance windows: a valid cron and duration, audited when made and deleted', async () => {
    as('ops');
    for (const bad of [
      { chain: 'burger-barn', cron: 'every sunday', durationMinutes: 60, reason: 'patching' },
      { chain: 'burger-barn', cron: '0 2 * * SUN', durationMinutes: 2, reason: 'patching' },
      { chain: 'burger-barn', cron: '0 25 * * *', durationMinutes: 60, reason: 'patching' },
      { chain: 'nope', cron: '0 2 * * SUN', durationMinutes: 60, reason: 'patching' },
    ])
      expect(await createWindow(bad), JSON.stringify(bad)).toMatchObject({ ok: false, status: 400 });
    const made = await createWindow({
      chain: 'burger-barn',
      cron: '0 2 * * SUN',
      durationMinutes: 120,
      reason: 'patching',
    });
    expect(made).toMatchObject({ ok: true, window: { cron: '0 2 * * SUN', durationMinutes: 120 } });
    const next = made.ok ? new Date(made.window.nextOpening!) : new Date(0);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([0, 2, 0]);
    as('am');
    expect(
      await outcomeOf(async (id: string) => (await deleteMaintenanceWindow(id), {}))(made.ok ? made.window.id : ''),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    as('admin');
    await deleteMaintenanceWindow(made.ok ? made.window.id : '');
    expect((await findMaintenanceWindows('burger-barn')).windows).toHaveLength(0);
    expect(await eventsOf('maintenance-window.created')).toHaveLength(1);
    expect(await eventsOf('maintenance-window.deleted')).toHaveLength(1);
  });
});
