import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { endSession, endUserSessions, findSessionUser, startSession } from '@/lib/server/auth/user-sessions';

// Server-side sessions against the real database, the clock driven through `now` (nobody sleeps).
const t0 = new Date('2026-12-02T08:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const limits = { idleMinutes: 60, maxHours: 12 };
let userId: string;

const check = (sessionId: string, minutes: number, options: { demo?: boolean; user?: string } = {}) =>
  findSessionUser({ sessionId, userId: options.user ?? userId, now: at(minutes), limits, demo: options.demo ?? true });
const row = (id: string) => db.session.findUniqueOrThrow({ where: { id } });

describe('server-side sessions', () => {
  beforeAll(async () => {
    const user = await db.user.create({
      data: { email: 'sessions@fleetpane.local', name: 'Sam Sessions', role: 'ops' },
    });
    userId = user.id;
  });

  it('a new session is live and names its user with the role read now', async () => {
    const sid = await startSession(userId, t0);
    expect(await check(sid, 1)).toEqual({
      id: userId,
      email: 'sessions@fleetpane.local',
      name: 'Sam Sessions',
      role: 'ops',
    });
    await db.user.update({ where: { id: userId }, data: { role: 'finance' } });
    expect((await check(sid, 2))?.role).toBe('finance');
    await db.user.update({ where: { id: userId }, data: { role: 'ops' } });
  });

  it('each sign-in is a new session', async () => {
    expect(await startSession(userId, t0)).not.toBe(await startSession(userId, t0));
  });

  it('refreshes lastSeenAt at most once a minute', async () => {
    const sid = await startSession(userId, t0);
    await check(sid, 0.5);
    expect((await row(sid)).lastSeenAt).toEqual(t0);
    await check(sid, 1);
    expect((await row(sid)).lastSeenAt).toEqual(at(1));
    await check(sid, 1.9);
    expect((await row(sid)).lastSeenAt).toEqual(at(1));
    await Promise.all([check(sid, 3), check(sid, 3), check(sid, 3)]);
    expect((await row(sid)).lastSeenAt).toEqual(at(3));
  });

  it('ends a session idle for longer than the idle timeout, and it stays ended', async () => {
    const sid = await startSession(userId, t0);
    expect(await check(sid, 60)).not.toBeNull();
    expect(await check(sid, 121)).toBeNull();
    expect(await row(sid)).toMatchObject({ endedAt: at(121), endReason: 'idle' });
    // Back within what would have been the idle window: still ended.
    expect(await check(sid, 122)).toBeNull();
  });

  it('ends a session at the absolute timeout however active it is', async () => {
    const sid = await startSession(userId, t0);
    for (let minutes = 30; minutes <= 12 * 60; minutes += 30) expect(await check(sid, minutes)).not.toBeNull();
    expect(await check(sid, 12 * 60 + 1)).toBeNull();
    expect((await row(sid)).endReason).toBe('expired');
  });

  it('an ended session is refused, and ending it again keeps the first reason', async () => {
    const sid = await startSession(userId, t0);
    await endSession(sid, 'sign-out', at(5));
    expect(await check(sid, 6)).toBeNull();
    await endSession(sid, 'idle', at(7));
    expect(await row(sid)).toMatchObject({ endedAt: at(5), endReason: 'sign-out' });
  });

  it("refuses a session id under another user's id, an unknown id, a deactivated user and a demo user outside demo mode", async () => {
    const other = await db.user.create({
      data: { email: 'other@fleetpane.local', name: 'Other', role: 'admin', isDemo: true },
    });
    const sid = await startSession(userId, t0);
    expect(await check(sid, 1, { user: other.id })).toBeNull();
    expect(await check('00000000-0000-4000-8000-000000000000', 1)).toBeNull();
    const demoSid = await startSession(other.id, t0);
    expect(await check(demoSid, 1, { user: other.id, demo: true })).not.toBeNull();
    expect(await check(demoSid, 1, { user: other.id, demo: false })).toBeNull();
    await db.user.update({ where: { id: userId }, data: { active: false } });
    expect(await check(sid, 1)).toBeNull();
    await db.user.update({ where: { id: userId }, data: { active: true } });
    expect(await check(sid, 1)).not.toBeNull();
  });

  it("endUserSessions ends every live session of that user in the caller's transaction, nobody else's", async () => {
    const bystander = await db.user.create({ data: { email: 'by@fleetpane.local', name: 'By', role: 'ops' } });
    const mine = [await startSession(userId, t0), await startSession(userId, t0)];
    const theirs = await startSession(bystander.id, t0);
    const live = await db.session.count({ where: { userId, endedAt: null } });
    // A transaction that fails ends nothing.
    await expect(
      db.$transaction(async (tx) => {
        await endUserSessions(userId, 'role change', tx);
        throw new Error('the role change failed');
      }),
    ).rejects.toThrow('the role change failed');
    expect(await check(mine[0]!, 1)).not.toBeNull();
    expect(await db.$transaction((tx) => endUserSessions(userId, 'deactivated', tx))).toBe(live);
    for (const sid of mine) {
      expect(await check(sid, 1)).toBeNull();
      expect((await row(sid)).endReason).toBe('deactivated');
    }
    expect(await check(theirs, 1, { user: bystander.id })).not.toBeNull();
  });
});
