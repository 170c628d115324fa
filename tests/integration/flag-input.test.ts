import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { defineFlag as defineFlagThrowing } from '@/lib/server/flags/define-flag';
import { findChainFlags } from '@/lib/server/flags/find-chain-flags';
import { setChainFlag as setChainFlagThrowing } from '@/lib/server/flags/request-flag-delivery';
import { updateFlag as updateFlagThrowing } from '@/lib/server/flags/update-flag';
import { demoFlagBodies, flagUsers } from '../support/flag-fixture';
import type { FlagUsers } from '../support/flag-fixture';
import { outcomeOf } from '../support/outcome';
import { GET as getChainFlags } from '@/app/api/v1/chains/[slug]/flags/route';
import { PUT as putChainFlag } from '@/app/api/v1/chains/[slug]/flags/[key]/route';
import { GET as listFlags } from '@/app/api/v1/flags/route';
import { chainFlagsResponseSchema, flagsResponseSchema } from '@/lib/flags/flag-dto';

// What the flag API refuses, on a real database: bad input is a 400 naming the problem (never a 500), an unknown
// chain or flag a 404, a role that may not a 403 (audited), and nothing is queued for any of them.
const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

const defineFlag = outcomeOf(defineFlagThrowing);
const updateFlag = outcomeOf(updateFlagThrowing);
const setChainFlag = outcomeOf(setChainFlagThrowing);

let users: FlagUsers;
const as = (who: keyof FlagUsers) => (caller.user = users[who]);
const set = (slug: string, key: string, body: unknown) => setChainFlag({ slug, key, body, idempotencyKey: null });

describe('flag input refused', () => {
  beforeAll(async () => {
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    users = await flagUsers();
    as('admin');
    for (const body of demoFlagBodies) expect((await defineFlag(body)).ok).toBe(true);
  });

  it('answers bad input with a 400 naming the problem, and refuses roles that may not (403)', async () => {
    as('ops');
    const cases: [string, unknown][] = [
      ['points-expiry-days', { value: 'ten' }],
      ['loyalty-v2-checkout', { value: 1 }],
      ['receipt-footer', { value: { lines: ['a', 'b', 'c', 'd'] } }],
      ['receipt-footer', { value: { lines: [], extra: 1 } }],
      ['loyalty-v2-checkout', {}],
      ['loyalty-v2-checkout', { value: true, extra: 1 }],
      ['receipt-footer', { value: { lines: ['x'.repeat(5000)] } }],
    ];
    for (const [key, body] of cases) {
      const r = await set('curry-house', key, body);
      expect(r, `${key} ${JSON.stringify(body).slice(0, 60)}`).toMatchObject({ ok: false, status: 400 });
    }
    expect(await set('curry-house', 'no-such-flag', { value: 1 })).toMatchObject({ ok: false, status: 404 });
    expect(await set('no-such-chain', 'points-expiry-days', { value: 1 })).toMatchObject({ ok: false, status: 404 });
    as('admin');
    for (const body of [
      { key: 'Bad Key', description: 'x', type: 'boolean', defaultValue: false, owner: 'x' },
      { key: 'wrong-default', description: 'x', type: 'number', defaultValue: 'x', owner: 'x' },
      { key: 'bad-schema', description: 'x', type: 'json', defaultValue: {}, jsonSchema: { type: 'nope' }, owner: 'x' },
      { key: 'schema-on-bool', description: 'x', type: 'boolean', defaultValue: false, jsonSchema: {}, owner: 'x' },
      { key: 'no-owner', description: 'x', type: 'boolean', defaultValue: false },
    ]) {
      expect(await defineFlag(body), body.key).toMatchObject({ ok: false, status: 400 });
    }
    expect(
      await defineFlag({ key: 'points-expiry-days', description: 'x', type: 'number', defaultValue: 1, owner: 'x' }),
    ).toMatchObject({ ok: false, status: 409 });
    expect(await updateFlag('points-expiry-days', { type: 'string' })).toMatchObject({ ok: false, status: 400 });
    expect(await updateFlag('points-expiry-days', {})).toMatchObject({ ok: false, status: 400 });
    expect(await updateFlag('no-such-flag', { owner: 'x' })).toMatchObject({ ok: false, status: 404 });
    as('finance');
    expect(await set('curry-house', 'points-expiry-days', { value: 10 })).toMatchObject({ ok: false, status: 403 });
    as('ops');
    expect(
      await defineFlag({ key: 'ops-flag', description: 'x', type: 'boolean', defaultValue: false, owner: 'x' }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await db.auditEvent.count({ where: { action: 'authz.denied:flags:define' } })).toBe(1);
  });

  it('archives a flag: no longer listed for chains, delivered or read back', async () => {
    as('admin');
    expect(await updateFlag('receipt-footer', { archived: true })).toMatchObject({
      ok: true,
      flag: { key: 'receipt-footer' },
    });
    expect((await findChainFlags('curry-house')).flags.map((f) => f.key)).not.toContain('receipt-footer');
    as('ops');
    expect(await set('curry-house', 'receipt-footer', { value: { lines: [] } })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
  it('queues nothing for any refusal', async () => {
    expect(await db.operation.count({ where: { type: 'deliver-flag' } })).toBe(0);
  });
  it('answers the API’s malformed requests with 400 or 415 and its reads in the documented shape', async () => {
    as('ops');
    const put = (slug: string, key: string, body: string, type = 'application/json') =>
      putChainFlag(
        new Request(`http://fleetpane.test/api/v1/chains/${slug}/flags/${key}`, {
          method: 'PUT',
          body,
          headers: { 'content-type': type },
        }),
        {
          params: Promise.resolve({ slug, key }),
        },
      );
    expect((await put('curry-house', 'points-expiry-days', '{"value": ')).status).toBe(400);
    expect((await put('curry-house', 'points-expiry-days', '{"value": 1}', 'text/plain')).status).toBe(415);
    expect((await put('Bad Slug', 'points-expiry-days', '{"value": 1}')).status).toBe(400);
    expect((await put('curry-house', 'Bad_Key', '{"value": 1}')).status).toBe(400);
    const wrong = await put('curry-house', 'points-expiry-days', '{"value": "ten"}');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { issues: string[] }).issues).toEqual([
      'value: points-expiry-days is a number flag: its value is a number',
    ]);
    const chain = await getChainFlags(new Request('http://fleetpane.test/api/v1/chains/curry-house/flags'), {
      params: Promise.resolve({ slug: 'curry-house' }),
    });
    expect(chain.status).toBe(200);
    const read = chainFlagsResponseSchema.parse(await chain.json());
    expect(read.flags.find((f) => f.key === 'points-expiry-days')).toMatchObject({
      value: 30,
      source: 'default',
      live: null,
      drift: null,
      checkedAt: null,
    });
    const list = await listFlags(new Request('http://fleetpane.test/api/v1/flags'), { params: Promise.resolve({}) });
    expect(flagsResponseSchema.parse(await list.json()).flags.map((f) => f.key)).toContain('points-expiry-days');
  });
});
