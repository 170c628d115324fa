import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken, revokeApiToken } from '@/lib/server/auth/api-tokens';
import type { SessionUser } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';
import { savePrice } from '@/lib/server/finance/save-price';
import { cancelOperation } from '@/lib/server/operations/cancel-operation';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';
import { saveTier } from '@/lib/server/sla/save-tier';
import { updateContract } from '@/lib/server/sla/update-contract';
import { createUser } from '@/lib/server/users/create-user';
import { updateUser } from '@/lib/server/users/update-user';
import { seedAuditFixture } from '../support/audit-fixture';
import type { AuditFixture } from '../support/audit-fixture';

// A change and its audit event are one transaction: a fault injected at the event (the last statement before
// the commit, where a crash would end it) leaves neither. And with a server, the application's role cannot
// change the trail at all. The caller of the functions that authorize is set here (no request in a test).
const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

let users: AuditFixture['users'];
let chains: AuditFixture['chains'];

beforeAll(async () => {
  ({ users, chains } = await seedAuditFixture());
});

describe('one transaction: an event that cannot be written takes its change with it', () => {
  // A fault at the last statement before the commit: the audit insert fails, as a crash there would end it.
  async function withAuditFault<T>(run: () => Promise<T>): Promise<unknown> {
    await db.$executeRawUnsafe(`CREATE FUNCTION audit_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault before the commit'; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "AuditEvent_fault" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_fault()`,
    );
    try {
      await run();
      return null;
    } catch (error) {
      return error;
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_fault" ON "AuditEvent"`);
      await db.$executeRawUnsafe(`DROP FUNCTION audit_fault()`);
    }
  }

  const snapshot = async () => ({
    events: await db.auditEvent.count(),
    contract: await db.contract.findMany({ orderBy: { id: 'asc' } }),
    tiers: await db.slaTier.findMany({ orderBy: { key: 'asc' } }),
    prices: await db.priceItem.findMany({ orderBy: { id: 'asc' } }),
    tokens: await db.apiToken.findMany({ orderBy: { id: 'asc' } }),
    users: await db.user.findMany({ orderBy: { id: 'asc' } }),
    schedules: await db.schedule.findMany({ orderBy: { name: 'asc' } }),
    operations: await db.operation.findMany({ orderBy: { id: 'asc' } }),
  });

  it('for every kind of change: contracts, tiers, prices, tokens, users, schedules, operations', async () => {
    caller.user = users.admin;
    const token = await createApiToken({ userId: users.admin.id, actorEmail: users.admin.email, name: 'ci' });
    const operation = await db.operation.create({
      data: {
        chainId: chains.alpha,
        type: 'backup',
        params: {},
        requestedById: users.ops.id,
        idempotencyKey: randomUUID(),
      },
      select: { id: true },
    });
    const cli = { email: 'cli:test@host', ip: null };
    const changes: [string, () => Promise<unknown>][] = [
      [
        'contract',
        () =>
          updateContract('alpha', {
            tier: 'standard',
            startDate: '2026-01-01',
            endDate: '2026-12-31',
            monthlyPrice: '9999.00',
            currency: 'EUR',
            marginTargetPct: '35',
            version: 0,
          }),
      ],
      [
        'tier',
        () =>
          saveTier(
            {
              key: 'premium',
              name: 'Premium',
              availabilityTarget: '99.95',
              minBackupRetentionDays: '7',
              minInstanceClass: '',
              allowedRegions: '',
              creditSchedule: [],
              version: '0',
            },
            { create: true },
          ),
      ],
      ['price', () => savePrice({ kind: 'rds-storage', region: 'eu-west-1', sku: '', unitPrice: '0.115' })],
      ['token create', () => createApiToken({ userId: users.admin.id, actorEmail: users.admin.email, name: 'x' })],
      [
        'token revoke',
        () => revokeApiToken({ userId: users.admin.id, actorEmail: users.admin.email, id: token.apiToken.id }),
      ],
      ['user create', () => createUser({ email: 'new@example.com', name: 'New', role: 'ops' }, cli)],
      ['user update', () => updateUser(users.ops.id, { role: 'finance' }, cli)],
      ['schedule', () => requestRunNow('nightly', { actor: users.admin, ip: null })],
      ['operation cancel', () => cancelOperation(operation.id, users.admin)],
    ];
    for (const [what, change] of changes) {
      const before = await snapshot();
      const error = await withAuditFault(change);
      expect(String(error), what).toMatch(/injected fault before the commit/);
      expect(await snapshot(), what).toEqual(before);
    }
    // And without the fault each of them commits, with its event.
    const count = await db.auditEvent.count();
    await cancelOperation(operation.id, users.admin);
    expect(await db.auditEvent.count()).toBe(count + 1);
    expect((await db.operation.findUniqueOrThrow({ where: { id: operation.id } })).status).toBe('failed');
  });
});

describe('the application role on a server', () => {
  // With a server, the application's role is granted SELECT and INSERT on the trail, nothing more (README):
  // it cannot switch the trigger off, nor change a row even if it could.
  it.runIf(!!process.env.DATABASE_URL)('refuses the application role UPDATE and the trigger switch', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const role = `fleetpane_app_${randomUUID().slice(0, 8)}`;
    await db.$executeRawUnsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'app'`);
    await db.$executeRawUnsafe(`GRANT SELECT, INSERT ON "AuditEvent" TO ${role}`);
    try {
      url.username = role;
      url.password = 'app';
      const app = new pg.Client({ connectionString: url.toString() });
      await app.connect();
      await expect(app.query(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).rejects.toThrow(/owner/);
      await app.end();
    } finally {
      await db.$executeRawUnsafe(`REVOKE ALL ON "AuditEvent" FROM ${role}`);
      await db.$executeRawUnsafe(`DROP ROLE ${role}`);
    }
  });
});
