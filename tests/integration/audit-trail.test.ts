import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditQuerySchema } from '@/lib/audit/audit-query';
import type { AuditQueryInput } from '@/lib/audit/audit-query';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { findAuditEvents } from '@/lib/server/audit/find-audit-events';
import type { AuditEventDto } from '@/lib/server/audit/find-audit-events';
import { verifyAuditTrail } from '@/lib/server/audit/verify-audit-trail';
import type { SessionUser } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';
import { seedAuditFixture } from '../support/audit-fixture';
import type { AuditFixture } from '../support/audit-fixture';
import { updateContract } from '@/lib/server/sla/update-contract';

// The audit trail on a real database: chained and guarded by the database, written in the change's own
// transaction, read a keyset page at a time within each role's scope. The caller of the functions that
// authorize is set here (there is no request in a test process); everything under it is the product's.
const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

let users: AuditFixture['users'];
let chains: AuditFixture['chains'];

const page = (viewer: SessionUser, input: AuditQueryInput = {}) =>
  findAuditEvents(auditQuerySchema.parse(input), viewer);

async function allPages(viewer: SessionUser, input: AuditQueryInput): Promise<AuditEventDto[]> {
  const seen: AuditEventDto[] = [];
  let cursor: string | undefined;
  do {
    const { events, nextCursor } = await page(viewer, { ...input, ...(cursor ? { cursor } : {}) });
    seen.push(...events);
    cursor = nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  ({ users, chains } = await seedAuditFixture());
});

describe('the audit trail', () => {
  it('chains every event to the one before it, with the actor, role, source and before → after', async () => {
    caller.user = users.admin;
    await updateContract('alpha', {
      tier: 'standard',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      monthlyPrice: '1490.00',
      currency: 'EUR',
      marginTargetPct: '35',
      version: 0,
    });
    const [event] = (await page(users.admin, { chain: 'alpha', action: 'contract.' })).events;
    expect(event).toMatchObject({
      actor: 'admin@example.com',
      actorId: users.admin.id,
      actorRole: 'admin',
      source: 'worker', // no request: a test process is not a browser or an API call
      chain: 'alpha',
      action: 'contract.update',
      result: 'ok',
      before: null,
      after: { monthlyPrice: '1490.00', currency: 'EUR', marginTargetPct: '35.00' },
    });
    const rows = await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { prevHash: true, hash: true } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.prevHash).toBeNull();
    rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]!.hash));
    const verified = await verifyAuditTrail();
    expect(verified).toMatchObject({ status: 'ok', events: rows.length, head: rows.at(-1)!.hash, firstBroken: null });
  });

  it('keeps one chain when many transactions append at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.$transaction((tx) => recordAuditEvent({ action: 'test.concurrent', result: 'ok', target: `t${i}` }, tx)),
      ),
    );
    expect(await verifyAuditTrail()).toMatchObject({ status: 'ok' });
  });

  it('is append-only for the application: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const { id } = await db.auditEvent.findFirstOrThrow({ select: { id: true } });
    await expect(db.auditEvent.update({ where: { id }, data: { action: 'forged' } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    // An event cannot be written with a chosen hash either: the database computes it.
    await db.auditEvent.create({ data: { action: 'test.forged-hash', result: 'ok', hash: 'f'.repeat(64) } });
    expect(await verifyAuditTrail()).toMatchObject({ status: 'ok' });
  });

  it('reads a keyset page at a time: every event once, newest first, ties on time broken by id', async () => {
    // One transaction: 250 events with the same time (now() is the transaction's start).
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 250; i++)
        await recordAuditEvent({ action: 'test.page', result: 'ok', chainId: chains.bravo, target: `p${i}` }, tx);
    });
    const seen = await allPages(users.admin, { action: 'test.page', limit: 60 });
    expect(seen.map((e) => e.target)).toEqual(Array.from({ length: 250 }, (_, i) => `p${249 - i}`));
    expect((await page(users.admin, { action: 'test.page', q: 'p17' })).events.map((e) => e.target).sort()).toEqual([
      'p17',
      'p170',
      'p171',
      'p172',
      'p173',
      'p174',
      'p175',
      'p176',
      'p177',
      'p178',
      'p179',
    ]);
    expect(() => auditQuerySchema.parse({ cursor: 'not-a-cursor' })).toThrow(/not a cursor/);
  });

  it("shows each role its scope: ops and finance the chains' events, account managers their chains'", async () => {
    await recordAuditEvent({ actor: users.admin, action: 'user.update', result: 'ok', target: 'user:x' });
    await recordAuditEvent({ actor: users.ops, action: 'auth.sign-in', result: 'ok' });
    await recordAuditEvent({ actor: users.am, action: 'auth.sign-in', result: 'ok' });
    await recordAuditEvent({ action: 'wave.succeeded', result: 'ok', target: 'wave:1' });
    const actions = async (who: SessionUser) => new Set((await allPages(who, {})).map((e) => `${e.chain} ${e.action}`));
    const admin = await actions(users.admin);
    expect(admin).toContain('null user.update');
    const ops = await actions(users.ops);
    expect(ops).toContain('alpha contract.update');
    expect(ops).toContain('null wave.succeeded');
    expect(ops).toContain('null auth.sign-in'); // their own
    expect(ops).not.toContain('null user.update');
    const opsSignIns = (await allPages(users.ops, { action: 'auth.' })).map((e) => e.actor);
    expect(opsSignIns).toEqual(['ops@example.com']);
    const am = await actions(users.am);
    expect(am).toContain('alpha contract.update');
    expect([...am].some((a) => a.startsWith('bravo'))).toBe(false);
    expect(am).not.toContain('null wave.succeeded');
    const am2 = await allPages(users.am2, {});
    expect(am2.every((e) => e.chain === 'bravo')).toBe(true);
  });

  it("leaves a contract's money out of its events for ops, not for its account manager or finance", async () => {
    const read = async (who: SessionUser) =>
      (await page(who, { chain: 'alpha', action: 'contract.update' })).events[0]!;
    const ops = await read(users.ops);
    expect(ops.moneyHidden).toBe(true);
    expect(JSON.stringify(ops)).not.toMatch(/1490\.00|monthlyPrice/); // not '1490': a hash may hold it
    expect(ops.after).toMatchObject({ currency: 'EUR' });
    for (const who of [users.am, users.finance, users.admin]) {
      expect((await read(who)).after).toMatchObject({ monthlyPrice: '1490.00' });
    }
    // Whatever the action and wherever the field: a provisioning request's contract in its detail and params.
    await recordAuditEvent({
      action: 'operation.requested:provision',
      result: 'ok',
      chainId: chains.alpha,
      after: { status: 'queued', params: { contract: { monthlyPrice: '777.00', currency: 'EUR' } } },
      detail: { contract: { monthlyPrice: '777.00', currency: 'EUR' } },
    });
    const provision = async (who: SessionUser) =>
      (await page(who, { chain: 'alpha', action: 'operation.requested:provision' })).events[0]!;
    expect(JSON.stringify(await provision(users.ops))).not.toMatch(/777\.00|monthlyPrice/); // not '777': a hash may hold it
    expect(await provision(users.ops)).toMatchObject({ moneyHidden: true, detail: { contract: { currency: 'EUR' } } });
    expect(JSON.stringify(await provision(users.am))).toContain('777.00');
    expect((await page(users.ops, { q: '777.00' })).events).toEqual([]);
    expect((await page(users.finance, { q: '777.00' })).events).toHaveLength(1);
    // Nor can a search find by the money it hides.
    expect((await page(users.ops, { q: '1490' })).events).toEqual([]);
    expect((await page(users.ops, { q: 'EUR' })).events.map((e) => e.action)).toContain('contract.update');
    expect((await page(users.finance, { q: '1490' })).events.map((e) => e.action)).toEqual(['contract.update']);
  });
});

describe('tampering, by someone who holds the database', () => {
  it('is named by verify: the event whose fields no longer give its hash', async () => {
    const victim = await db.auditEvent.findFirstOrThrow({ where: { action: 'contract.update' }, select: { id: true } });
    // Only a superuser (or the table's owner) gets past the append-only trigger: by switching triggers off.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL session_replication_role = replica');
      await tx.$executeRaw`UPDATE "AuditEvent" SET "after" = jsonb_set("after", '{monthlyPrice}', '"1.00"') WHERE "id" = ${victim.id}`;
    });
    const verified = await verifyAuditTrail();
    expect(verified).toMatchObject({
      status: 'broken',
      firstBroken: { id: victim.id.toString(), action: 'contract.update', reason: expect.stringMatching(/changed/) },
    });
  });
});

afterAll(() => {
  caller.user = null;
});
