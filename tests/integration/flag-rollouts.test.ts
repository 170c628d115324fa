import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { defineFlag } from '@/lib/server/flags/define-flag';
import {
  cancelFlagRollout as cancelThrowing,
  requestFlagRollout as rolloutThrowing,
} from '@/lib/server/flags/flag-rollouts';
import { startDueRollouts } from '@/lib/server/flags/rollout-wave';
import { updateFlag } from '@/lib/server/flags/update-flag';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { requireEmulator } from '../support/aws';
import { demoFlagBodies, flagUsers, parameterValue } from '../support/flag-fixture';
import type { FlagUsers } from '../support/flag-fixture';
import { outcomeOf } from '../support/outcome';

// Rollouts: one value for the chains a match selects, a canary alone first, then batches (the kernel's waves),
// read back from each chain's own parameter; and scheduled ones, started once by the flag-rollouts job at their
// time, or suspended when the flag changed in between, or cancelled.
const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

const rollout = outcomeOf(rolloutThrowing);
const cancel = outcomeOf(cancelThrowing);
process.env.FLEETPANE_OPERATION_POLL_MS = '50';
const fleet = buildDemoFleet();
let users: FlagUsers;
const as = (who: keyof FlagUsers) => (caller.user = users[who]);
const euChains = fleet.chains
  .filter((c) => c.residency === 'EU')
  .map((c) => c.slug)
  .sort();

/** When each chain's delivery of the wave started, in order. */
async function deliveriesOf(waveId: string) {
  return db.operation.findMany({
    where: { waveId },
    select: { status: true, createdAt: true, chain: { select: { slug: true } } },
    orderBy: { createdAt: 'asc' },
  });
}

describe('flag rollouts', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
    users = await flagUsers();
    as('admin');
    for (const body of demoFlagBodies) await defineFlag(body);
  });

  it('by residency reaches exactly the EU chains, the canary alone first, then batches', async () => {
    as('ops');
    const r = await rollout('eu-payment-gateway', { value: true, match: { residency: 'EU' }, batchSize: 2 });
    if (!r.ok) throw new Error(r.message);
    expect(r.rollout).toMatchObject({ status: 'started', chains: euChains, wave: { status: 'running' } });
    // The canary is queued alone; the next batch waits for it.
    expect((await deliveriesOf(r.rollout.wave!.id)).map((d) => d.chain.slug)).toEqual([euChains[0]]);
    await drainOperations('rollout-worker');
    const done = await deliveriesOf(r.rollout.wave!.id);
    expect(done.map((d) => d.chain.slug).sort()).toEqual(euChains);
    expect(done.every((d) => d.status === 'succeeded')).toBe(true);
    expect(done[0]!.chain.slug).toBe(euChains[0]);
    expect(done[1]!.createdAt.getTime()).toBeGreaterThan(done[0]!.createdAt.getTime());
    for (const slug of euChains) expect(await parameterValue(fleet, slug, 'flags/eu-payment-gateway')).toBe('true');
    // No chain outside the EU was written to.
    const others = await db.chainFlagOverride.count({
      where: { flag: { key: 'eu-payment-gateway' }, chain: { slug: { notIn: euChains } } },
    });
    expect(others).toBe(0);
    expect((await db.wave.findUniqueOrThrow({ where: { id: r.rollout.wave!.id } })).status).toBe('succeeded');
  });

  it('refuses an EU-only value for a match with chains outside the EU, a sensitive flag, and an empty match', async () => {
    as('ops');
    const us = await rollout('eu-payment-gateway', { value: true, match: { region: 'us-east-1' } });
    expect(us).toMatchObject({ ok: false, status: 400 });
    expect(!us.ok && us.message).toMatch(/is for EU chains only, and burger-barn has no residency rule/);
    expect(await rollout('payment-provider', { value: 'adyen', match: { tier: 'standard' } })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await rollout('loyalty-v2-checkout', { value: true, match: {} })).toMatchObject({ ok: false, status: 400 });
    expect(
      await db.flagRollout.count({ where: { status: 'started', flag: { key: { not: 'eu-payment-gateway' } } } }),
    ).toBe(0);
  });

  it('a scheduled rollout starts once at its time; one whose flag changed in between is suspended; one cancelled never runs', async () => {
    as('ops');
    const at = new Date(Date.now() + 1_500).toISOString();
    const later = await rollout('points-expiry-days', { value: 90, match: { chains: ['bao-bar', 'smoky-bbq'] }, at });
    const changed = await rollout('loyalty-v2-checkout', { value: true, match: { chains: ['bao-bar'] }, at });
    const cancelled = await rollout('receipt-footer', {
      value: { lines: ['Thanks'] },
      match: { chains: ['bao-bar'] },
      at,
    });
    if (!later.ok || !changed.ok || !cancelled.ok) throw new Error('not scheduled');
    expect(later.rollout).toMatchObject({ status: 'scheduled', chains: [], wave: null });
    expect(await startDueRollouts()).toBe('0 rollout(s) started, 0 suspended'); // not yet
    as('admin');
    await updateFlag('loyalty-v2-checkout', { description: 'The new checkout, v2.1' });
    as('ops');
    expect(await cancel('receipt-footer', cancelled.rollout.id)).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    // Two workers' jobs at once: each due rollout is taken by one of them.
    const runs = await Promise.all([startDueRollouts(), startDueRollouts()]);
    expect(runs.map((r) => Number(/^(\d+) rollout/.exec(r)![1])).reduce((a, b) => a + b)).toBe(1);
    expect(await startDueRollouts()).toBe('0 rollout(s) started, 0 suspended');
    const rows = await db.flagRollout.findMany({
      where: { id: { in: [later.rollout.id, changed.rollout.id, cancelled.rollout.id] } },
      select: { id: true, status: true, reason: true, waveId: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(later.rollout.id)).toMatchObject({ status: 'started', waveId: expect.any(String) });
    expect(byId.get(changed.rollout.id)).toMatchObject({ status: 'suspended', waveId: null });
    expect(byId.get(changed.rollout.id)!.reason).toMatch(/was changed after the rollout was scheduled/);
    expect(byId.get(cancelled.rollout.id)).toMatchObject({ status: 'cancelled', waveId: null });
    await drainOperations('rollout-worker');
    expect(await parameterValue(fleet, 'smoky-bbq', 'flags/points-expiry-days')).toBe('90');
    expect(
      await db.wave.count({
        where: { type: 'deliver-flag', params: { path: ['key'], equals: 'loyalty-v2-checkout' } },
      }),
    ).toBe(0);
    // Each step is in the audit trail.
    const actions = (
      await db.auditEvent.findMany({ where: { action: { startsWith: 'flag.rollout' } }, select: { action: true } })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'flag.rollout',
        'flag.rollout-scheduled',
        'flag.rollout-suspended',
        'flag.rollout-cancelled',
      ]),
    );
  });
});
