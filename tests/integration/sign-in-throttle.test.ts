import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { hashPassword } from '@/lib/server/auth/password';
import { verifyCredentials } from '@/lib/server/auth/credentials';
import { gateCredentialsSignIn } from '@/lib/server/auth/credentials-gate';
import { reserveSignInAttempt } from '@/lib/server/auth/sign-in-throttle';

// The sign-in throttle against the real database, the clock driven through `now`.
const t0 = new Date('2026-12-02T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const failures = async (key: string) => (await db.signInThrottle.findUnique({ where: { key } }))?.failures ?? 0;

/** One attempt as the route makes it: counted first, then the password checked if admitted. */
async function attempt(email: string, password: string, ip: string, now: Date) {
  const reservation = await reserveSignInAttempt({ email, ip }, now);
  if (!reservation.admitted) return reservation;
  return { admitted: true, user: await verifyCredentials({ email, password }, { demo: true, ip }) };
}

describe('sign-in throttling', () => {
  beforeAll(async () => {
    const passwordHash = await hashPassword('right-password');
    await db.user.createMany({
      data: ['alice', 'bob', 'carol'].map((n) => ({
        email: `${n}@fleetpane.local`,
        name: n,
        role: 'ops',
        passwordHash,
      })),
    });
  });

  it('after 5 failures an account waits 1 s, then 2 s; the right password is refused while it waits', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await attempt('alice@fleetpane.local', 'wrong', '10.0.0.1', at(i))).toMatchObject({ user: null });
    }
    expect(await attempt('alice@fleetpane.local', 'right-password', '10.0.0.1', at(500))).toEqual({
      admitted: false,
      kind: 'account',
      retryAfterSeconds: 1,
    });
    // The refusal changed nothing: the lock still ends 1 s after the fifth failure.
    expect(await failures('account:alice@fleetpane.local')).toBe(5);
    expect(await attempt('alice@fleetpane.local', 'wrong', '10.0.0.1', at(1_004))).toMatchObject({ user: null });
    expect(await attempt('alice@fleetpane.local', 'wrong', '10.0.0.1', at(1_100))).toMatchObject({
      retryAfterSeconds: 2,
    });
    expect(await attempt('alice@fleetpane.local', 'wrong', '10.0.0.1', at(3_004))).toMatchObject({ user: null });
    expect(await attempt('alice@fleetpane.local', 'wrong', '10.0.0.1', at(3_005))).toMatchObject({
      retryAfterSeconds: 4,
    });
  });

  it('every refusal is audited, and no password reaches the audit log', async () => {
    const throttled = await db.auditEvent.findMany({
      where: { action: 'auth.throttled', actorEmail: 'alice@fleetpane.local' },
      orderBy: { id: 'asc' },
    });
    expect(throttled).toHaveLength(3);
    expect(throttled[0]).toMatchObject({ result: 'denied', ip: '10.0.0.1' });
    expect(throttled[0]!.detail).toMatchObject({
      reason: 'too many failed sign-ins for this account',
      retryAfterSeconds: 1,
    });
    const denied = await db.auditEvent.findMany({
      where: { action: 'auth.sign-in', actorEmail: 'alice@fleetpane.local' },
    });
    expect(denied).toHaveLength(7);
    expect(
      denied.every((e) => e.result === 'denied' && (e.detail as { reason?: string }).reason === 'wrong password'),
    ).toBe(true);
    const all = JSON.stringify(
      await db.auditEvent.findMany({ select: { detail: true, target: true, actorEmail: true } }),
    );
    expect(all).not.toContain('right-password');
    expect(all).not.toContain('"wrong"');
  });

  it("another account from the same address is not locked by the first account's counter", async () => {
    expect(await attempt('bob@fleetpane.local', 'right-password', '10.0.0.1', at(3_100))).toMatchObject({
      user: { email: 'bob@fleetpane.local' },
    });
  });

  it("a success clears the account's counter and gives the address back only its own attempt", async () => {
    const address = await failures('address:10.0.0.1');
    await attempt('carol@fleetpane.local', 'wrong', '10.0.0.1', at(3_200));
    await attempt('carol@fleetpane.local', 'wrong', '10.0.0.1', at(3_300));
    expect(await failures('account:carol@fleetpane.local')).toBe(2);
    expect(await attempt('carol@fleetpane.local', 'right-password', '10.0.0.1', at(3_400))).toMatchObject({
      user: { email: 'carol@fleetpane.local' },
    });
    expect(await db.signInThrottle.findUnique({ where: { key: 'account:carol@fleetpane.local' } })).toBeNull();
    expect(await failures('address:10.0.0.1')).toBe(address + 2);
  });

  it('after 20 failures an address waits, whichever accounts it tries', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await reserveSignInAttempt({ email: `guess${i}@example.com`, ip: '10.0.0.2' }, at(i))).toEqual({
        admitted: true,
      });
    }
    expect(await reserveSignInAttempt({ email: 'fresh@example.com', ip: '10.0.0.2' }, at(100))).toEqual({
      admitted: false,
      kind: 'address',
      retryAfterSeconds: 1,
    });
    expect(await reserveSignInAttempt({ email: 'fresh@example.com', ip: '10.0.0.3' }, at(100))).toEqual({
      admitted: true,
    });
  });

  it('forgets failures after 15 quiet minutes', async () => {
    for (let i = 0; i < 5; i++) await reserveSignInAttempt({ email: 'dave@example.com', ip: null }, at(i));
    expect((await reserveSignInAttempt({ email: 'dave@example.com', ip: null }, at(500))).admitted).toBe(false);
    expect(await reserveSignInAttempt({ email: 'dave@example.com', ip: null }, at(16 * 60_000))).toEqual({
      admitted: true,
    });
    expect(await failures('account:dave@example.com')).toBe(1);
  });

  it('counts concurrent failures exactly, and a parallel burst gets no more checks than the threshold', async () => {
    const spread = await Promise.all(
      Array.from({ length: 12 }, (_, i) => reserveSignInAttempt({ email: `c${i}@example.com`, ip: '10.0.0.4' }, t0)),
    );
    expect(spread.every((r) => r.admitted)).toBe(true);
    expect(await failures('address:10.0.0.4')).toBe(12);
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => reserveSignInAttempt({ email: 'erin@example.com', ip: '10.0.0.5' }, t0)),
    );
    expect(burst.filter((r) => r.admitted)).toHaveLength(5);
    expect(await failures('account:erin@example.com')).toBe(5);
    expect(await failures('address:10.0.0.5')).toBe(5);
  });

  it('the route answers 429 with Retry-After and the wait in the body, and lets other requests through', async () => {
    const form = (email: string) =>
      new Request('http://127.0.0.1/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password: 'x', csrfToken: 't', json: 'true' }),
      });
    for (let i = 0; i < 5; i++) expect(await gateCredentialsSignIn(form('Frank@Example.com'), null)).toBeNull();
    const refused = await gateCredentialsSignIn(form('frank@example.com'), null);
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(((await refused?.json()) as { error: string }).error).toMatch(
      /^Too many failed sign-ins\. Try again in \d+ seconds?\.$/,
    );
    expect(await gateCredentialsSignIn(new Request('http://127.0.0.1/api/auth/session'), null)).toBeNull();
  });
});
