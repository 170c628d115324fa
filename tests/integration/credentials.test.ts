import { describe, expect, it, beforeAll } from 'vitest';
import { hashPassword } from '@/lib/server/auth/password';
import { verifyCredentials } from '@/lib/server/auth/credentials';
import { db } from '@/lib/server/db/client';

describe('credential sign-in', () => {
  beforeAll(async () => {
    const passwordHash = await hashPassword('fleetpane-demo');
    await db.user.createMany({
      data: [
        { email: 'ops@fleetpane.local', name: 'Ops', role: 'ops', passwordHash, isDemo: true },
        { email: 'gone@fleetpane.local', name: 'Gone', role: 'ops', passwordHash, isDemo: true, active: false },
      ],
    });
  });

  it('accepts a demo user in demo mode', async () => {
    expect(
      await verifyCredentials({ email: 'OPS@fleetpane.local', password: 'fleetpane-demo' }, { demo: true }),
    ).toMatchObject({ email: 'ops@fleetpane.local' });
  });

  it('refuses a demo user outside demo mode, even with the right password, and audits it', async () => {
    expect(
      await verifyCredentials({ email: 'ops@fleetpane.local', password: 'fleetpane-demo' }, { demo: false }),
    ).toBeNull();
    const event = await db.auditEvent.findFirst({ where: { action: 'auth.sign-in' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ result: 'denied', actorEmail: 'ops@fleetpane.local' });
    expect(event?.detail).toMatchObject({ reason: 'demo user outside demo mode' });
  });

  it('refuses a wrong password, an unknown user, a deactivated user and malformed input', async () => {
    expect(await verifyCredentials({ email: 'ops@fleetpane.local', password: 'nope' }, { demo: true })).toBeNull();
    expect(
      await verifyCredentials({ email: 'who@fleetpane.local', password: 'fleetpane-demo' }, { demo: true }),
    ).toBeNull();
    expect(
      await verifyCredentials({ email: 'gone@fleetpane.local', password: 'fleetpane-demo' }, { demo: true }),
    ).toBeNull();
    expect(await verifyCredentials({ email: 'not an email', password: 'x' }, { demo: true })).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'auth.sign-in', result: 'denied' } })).toBe(5);
  });
});
