import { GetParametersByPathCommand, ListTagsForResourceCommand } from '@aws-sdk/client-ssm';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';
import { awsClients } from '@/lib/server/aws/clients';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { defineFlag as defineFlagThrowing } from '@/lib/server/flags/define-flag';
import { setChainFlag as setChainFlagThrowing } from '@/lib/server/flags/request-flag-delivery';
import { updateFlag as updateFlagThrowing } from '@/lib/server/flags/update-flag';
import { approveOperation as approveOperationThrowing } from '@/lib/server/operations/approve-operation';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { operationChainSelect, recordOperation } from '@/lib/server/operations/record-operation';
import { requireEmulator } from '../support/aws';
import {
  chainFlag,
  deliverFlag as deliver,
  demoFlagBodies,
  everyParameter,
  flagUsers,
  parameterValue,
  ssmOf,
} from '../support/flag-fixture';
import type { FlagUsers } from '../support/flag-fixture';
import { outcomeOf } from '../support/outcome';

// Flags against the emulator and a real database: each chain's value lands in its own Parameter Store path in
// its own account and region, through the operation queue; residency and approval hold (drift: flag-drift.test.ts,
// refusals: flag-input.test.ts). The caller of the
// functions that authorize is set here (there is no request in a test process); everything under it is the
// product's.
const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

const defineFlag = outcomeOf(defineFlagThrowing);
const updateFlag = outcomeOf(updateFlagThrowing);
const setChainFlag = outcomeOf(setChainFlagThrowing);
const approveOperation = outcomeOf(approveOperationThrowing);

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
const fleet = buildDemoFleet();
let users: FlagUsers;
const as = (who: keyof FlagUsers) => (caller.user = users[who]);
const paramValue = (slug: string, name: string) => parameterValue(fleet, slug, name);

describe('flags delivered to each chain’s own Parameter Store', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
    users = await flagUsers();
    as('admin');
    for (const body of demoFlagBodies) {
      const r = await defineFlag(body);
      expect(r.ok, r.ok ? '' : r.message).toBe(true);
    }
  });

  it('lands a value in exactly its chain’s path, in its own account and region: every other chain’s parameters unchanged', async () => {
    as('ops');
    // Neighbours with flags of their own: one in the same account and region, one in a chain-owned account.
    expect((await deliver('smoky-bbq', 'points-expiry-days', 45)).status).toBe('succeeded');
    expect((await deliver('noodle-nest', 'loyalty-v2-checkout', true)).status).toBe('succeeded');
    const before = await everyParameter(fleet);
    const op = await deliver('burger-barn', 'loyalty-v2-checkout', true);
    expect(op).toMatchObject({ status: 'succeeded', error: null });
    const after = await everyParameter(fleet);
    const changed = [...after].filter(([name, v]) => before.get(name) !== v).map(([name]) => name);
    const gone = [...before.keys()].filter((name) => !after.has(name));
    expect(gone).toEqual([]);
    expect(changed.sort()).toEqual([
      '123456789012/us-east-1/fleetpane/burger-barn/flags.flagd.json',
      '123456789012/us-east-1/fleetpane/burger-barn/flags/loyalty-v2-checkout',
    ]);
    expect(await paramValue('burger-barn', 'flags/loyalty-v2-checkout')).toBe('true');
    // The chain-owned account's parameter is in that account only: our account has no noodle-nest path.
    const ours = awsClients({ region: 'ap-southeast-2', accountId: '123456789012' }).ssm;
    const leaked = await ours.send(
      new GetParametersByPathCommand({ Path: '/fleetpane/noodle-nest/', Recursive: true }),
    );
    expect(leaked.Parameters ?? []).toEqual([]);
    const tags = await ssmOf(fleet, 'burger-barn').send(
      new ListTagsForResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/fleetpane/burger-barn/flags/loyalty-v2-checkout',
      }),
    );
    expect(tags.TagList).toEqual(
      expect.arrayContaining([
        { Key: 'fleetpane:chain', Value: 'burger-barn' },
        { Key: 'fleetpane:managed', Value: 'true' },
      ]),
    );
    // The whole flag set as one flagd document.
    const doc = JSON.parse((await paramValue('burger-barn', 'flags.flagd.json'))!) as {
      flags: Record<string, { defaultVariant: string; variants: Record<string, unknown> }>;
    };
    expect(doc.flags['loyalty-v2-checkout']).toMatchObject({ state: 'ENABLED', defaultVariant: 'on' });
    expect(doc.flags['points-expiry-days']).toMatchObject({ variants: { value: 30 }, defaultVariant: 'value' });
    expect(doc.flags['payment-provider']).toMatchObject({ variants: { value: 'stripe' } });
    // Recorded as delivered: the override, the live state, and the audit event in the same transaction.
    expect(await chainFlag('burger-barn', 'loyalty-v2-checkout')).toMatchObject({
      value: true,
      source: 'override',
      setBy: 'ops@fleetpane.local',
      live: true,
      drift: 'in_sync',
    });
    expect(await chainFlag('bagel-bros', 'loyalty-v2-checkout')).toMatchObject({
      value: false,
      source: 'default',
      drift: null,
      checkedAt: null,
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'flag.set', chain: { slug: 'burger-barn' } },
      select: { before: true, after: true, actorEmail: true, detail: true },
    });
    expect(event).toMatchObject({
      before: { value: false, source: 'default' },
      after: { value: true, source: 'override' },
      actorEmail: 'ops@fleetpane.local',
    });
  });

  it('refuses an EU-only flag for a US chain with a 400 naming the rule, and delivers it to an EU chain', async () => {
    as('ops');
    const us = await setChainFlag({
      slug: 'burger-barn',
      key: 'eu-payment-gateway',
      body: { value: true },
      idempotencyKey: null,
    });
    expect(us).toMatchObject({ ok: false, status: 400 });
    expect(!us.ok && us.message).toContain('for EU chains only');
    expect(
      await db.operation.count({ where: { type: 'deliver-flag', chain: { slug: 'burger-barn' }, status: 'queued' } }),
    ).toBe(0);
    // Off is the default: a US chain may be set to it.
    expect((await deliver('burger-barn', 'eu-payment-gateway', false)).status).toBe('succeeded');
    expect((await deliver('le-petit-bistro', 'eu-payment-gateway', true)).status).toBe('succeeded');
    expect(await paramValue('le-petit-bistro', 'flags/eu-payment-gateway')).toBe('true');
    // Nor can a definition turn it on for everyone by default, or a new residency rule break a chain's value.
    as('admin');
    const on = await defineFlag({
      key: 'eu-only-on',
      description: 'x',
      type: 'boolean',
      defaultValue: true,
      owner: 'x',
      residency: 'EU',
    });
    expect(on).toMatchObject({ ok: false, status: 400 });
    const narrowed = await updateFlag('loyalty-v2-checkout', { residency: 'EU' });
    expect(narrowed).toMatchObject({ ok: false, status: 400 });
    expect(!narrowed.ok && narrowed.issues).toEqual(
      expect.arrayContaining([expect.stringContaining('overrides.burger-barn')]),
    );
  });

  it('holds a sensitive flag’s change until a second person approves it, then delivers it', async () => {
    as('ops');
    const r = await setChainFlag({
      slug: 'taco-tierra',
      key: 'payment-provider',
      body: { value: 'adyen' },
      idempotencyKey: null,
    });
    if (!r.ok) throw new Error(r.message);
    await drainOperations('test-worker');
    const waiting = await db.operation.findUniqueOrThrow({
      where: { id: r.operation.id },
      select: { status: true, needsApproval: true },
    });
    expect(waiting).toEqual({ status: 'queued', needsApproval: true });
    expect(await chainFlag('taco-tierra', 'payment-provider')).toMatchObject({
      value: 'stripe',
      source: 'default',
      pending: { operationId: r.operation.id, awaitingApproval: true },
    });
    await expect(paramValue('taco-tierra', 'flags/payment-provider')).rejects.toThrow();
    // One delivery at a time per chain: a second change waits its turn (409 naming the one queued).
    const second = await setChainFlag({
      slug: 'taco-tierra',
      key: 'points-expiry-days',
      body: { value: 10 },
      idempotencyKey: null,
    });
    expect(second).toMatchObject({ ok: false, status: 409 });
    expect(!second.ok && second.message).toContain(r.operation.id);
    // The requester cannot approve their own change; another engineer can.
    expect(await approveOperation(r.operation.id, users.ops)).toMatchObject({ ok: false, status: 403 });
    expect((await approveOperation(r.operation.id, users.ops2)).ok).toBe(true);
    await drainOperations('test-worker');
    expect(await paramValue('taco-tierra', 'flags/payment-provider')).toBe('"adyen"');
    expect(await chainFlag('taco-tierra', 'payment-provider')).toMatchObject({
      value: 'adyen',
      source: 'override',
      pending: null,
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'flag.set', chain: { slug: 'taco-tierra' } },
      select: { detail: true },
    });
    expect(event.detail).toMatchObject({ approvedBy: 'ops2@fleetpane.local' });
  });

  it('makes repeated requests with one key one delivery (the key reused for another value is a 409), and re-checks the flag when it runs', async () => {
    as('ops');
    const key = randomUUID();
    const body = { value: 'adyen' };
    const same = await Promise.all(
      Array.from({ length: 10 }, () =>
        setChainFlag({ slug: 'sushi-wave', key: 'payment-provider', body, idempotencyKey: key }),
      ),
    );
    expect(new Set(same.map((r) => (r.ok ? r.operation.id : r.message))).size).toBe(1);
    const other = await setChainFlag({
      slug: 'sushi-wave',
      key: 'payment-provider',
      body: { value: 'x' },
      idempotencyKey: key,
    });
    expect(other).toMatchObject({ ok: false, status: 409 }); // the same key for another value
    // Archived while it waited for approval: the step finds the flag is not in use any more, and writes nothing.
    as('admin');
    expect((await updateFlag('payment-provider', { archived: true })).ok).toBe(true);
    const id = same[0]!.ok ? same[0]!.operation.id : '';
    expect((await approveOperation(id, users.ops2)).ok).toBe(true);
    await drainOperations('test-worker');
    const op = await db.operation.findUniqueOrThrow({ where: { id }, select: { status: true, error: true } });
    expect(op.status).toBe('failed');
    expect(op.error).toContain('payment-provider is archived');
    await expect(paramValue('sushi-wave', 'flags/payment-provider')).rejects.toThrow();
    expect((await updateFlag('payment-provider', { archived: false })).ok).toBe(true);
  });

  it('deletes the chain’s flag parameters and flagd document when it is decommissioned, and nobody else’s', async () => {
    as('ops');
    const before = await everyParameter(fleet);
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: 'smoky-bbq' }, select: operationChainSelect });
    const body = { type: 'decommission', params: { confirm: 'smoky-bbq' } };
    const r = await recordOperation(chain, users.ops, { body, idempotencyKey: randomUUID() });
    expect((await approveOperation(r.operation.id, users.ops2)).ok).toBe(true);
    await drainOperations('test-worker');
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('succeeded');
    const after = await everyParameter(fleet);
    const gone = [...before.keys()].filter((name) => !after.has(name)).sort();
    expect(gone).toEqual([
      '123456789012/us-east-1/fleetpane/smoky-bbq/flags.flagd.json',
      '123456789012/us-east-1/fleetpane/smoky-bbq/flags/points-expiry-days',
    ]);
    expect([...after].every(([name, v]) => before.get(name) === v)).toBe(true);
  });
});
