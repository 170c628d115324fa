import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { createApiToken, findTokenUserId } from '@/lib/server/auth/api-tokens';
import { verifyPassword } from '@/lib/server/auth/password';
import { createUser as createUserThrowing } from '@/lib/server/users/create-user';
import { findUsers } from '@/lib/server/users/find-users';
import { reassignChains as reassignThrowing } from '@/lib/server/users/reassign-chains';
import { updateUser as updateUserThrowing } from '@/lib/server/users/update-user';
import type { UsersActor } from '@/lib/server/users/users-actor';
import { outcomeOf } from '../support/outcome';
import { createTestDatabase } from '../support/test-database';
import type { TestDatabase } from '../support/test-database';

// User administration against a real database. The data functions are called with an explicit actor, as
// the CLI calls them (the product's callers go through authorize: the browser spec proves those refusals).
const createUser = outcomeOf(createUserThrowing);
const updateUser = outcomeOf(updateUserThrowing);
const reassignChains = outcomeOf(reassignThrowing);
const actor: UsersActor = { email: 'cli:test@host', ip: null };
const create = (body: object) => createUser(body, actor);
const update = (id: string, body: object) => updateUser(id, body, actor);
const reassign = (id: string, chains: string[]) => reassignChains(id, { chains }, actor);

const auditCount = (action: string) => db.auditEvent.count({ where: { action } });

async function newUser(role: string, extra: object = {}) {
  const r = await create({ email: `${role}-${randomUUID().slice(0, 8)}@example.com`, name: role, role, ...extra });
  if (!r.ok) throw new Error(r.message);
  return r.user;
}

async function managerOf(slug: string) {
  return (await db.chain.findUniqueOrThrow({ where: { slug }, select: { accountManagerId: true } })).accountManagerId;
}

describe('user administration', () => {
  beforeAll(async () => {
    const tier = await db.slaTier.create({ data: { key: 'starter', name: 'Starter', availabilityTarget: '99.5' } });
    await db.chain.createMany({
      data: ['alpha', 'bravo', 'charlie'].map((slug) => ({
        slug,
        name: slug,
        region: 'eu-west-1',
        awsAccountId: '123456789012',
        healthCheckId: `hc-${slug}`,
        tierId: tier.id,
      })),
    });
  });

  it('adds a user with the email lower-cased, audited with what was set (never the password)', async () => {
    const r = await create({
      email: '  Jane.Doe@Example.COM ',
      name: 'Jane',
      role: 'ops',
      password: 'a-long-password',
    });
    expect(r).toMatchObject({ ok: true, user: { email: 'jane.doe@example.com', role: 'ops', active: true } });
    const row = await db.user.findUniqueOrThrow({ where: { email: 'jane.doe@example.com' } });
    expect(await verifyPassword('a-long-password', row.passwordHash!)).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'user.create', target: 'user:jane.doe@example.com' },
    });
    expect(event).toMatchObject({ before: null, after: { role: 'ops', password: true } });
    expect(JSON.stringify([event.before, event.after, event.detail])).not.toContain('a-long-password');
  });

  it('refuses a taken email (whatever its case) with a 409, and bad input with a 400 naming each field', async () => {
    const before = await auditCount('user.create');
    expect(await create({ email: 'JANE.DOE@example.com', name: 'Other', role: 'ops' })).toMatchObject({
      ok: false,
      status: 409,
    });
    const bad = await create({ email: 'not-an-email', name: '', role: 'root', extra: 1 });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    if (bad.ok) return;
    for (const field of ['email', 'name', 'role', 'extra']) expect(bad.issues.join('\n')).toContain(field);
    expect(await auditCount('user.create')).toBe(before);
  });

  it('changes a role, audited before → after', async () => {
    const user = await newUser('ops');
    expect(await update(user.id, { role: 'finance', name: 'Fin' })).toMatchObject({
      ok: true,
      user: { role: 'finance', name: 'Fin' },
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'user.update', target: `user:${user.email}` },
    });
    expect(event).toMatchObject({
      before: { role: 'ops', name: 'ops', active: true },
      after: { role: 'finance', name: 'Fin', active: true },
    });
    expect(await update(user.id, { role: 'boss' })).toMatchObject({ ok: false, status: 400 });
    expect(await update(user.id, {})).toMatchObject({ ok: false, status: 400 });
    expect(await update(randomUUID(), { name: 'x' })).toMatchObject({ ok: false, status: 404 });
    expect(await update('not-a-uuid', { name: 'x' })).toMatchObject({ ok: false, status: 404 });
  });

  it('deactivating a user revokes their API tokens and leaves their chains without a manager, named', async () => {
    const am = await newUser('account_manager');
    const { token } = await createApiToken({ userId: am.id, actorEmail: am.email, name: 'ci' });
    expect(await findTokenUserId(token)).toBe(am.id);
    expect(await reassign(am.id, ['bravo'])).toMatchObject({ ok: true, moved: [{ slug: 'bravo' }] });
    const r = await update(am.id, { active: false });
    expect(r).toMatchObject({ ok: true, user: { active: false, chains: [] }, unassignedChains: ['bravo'] });
    expect(await findTokenUserId(token)).toBeNull();
    expect(await managerOf('bravo')).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'user.update', target: `user:${am.email}` },
      orderBy: { id: 'desc' },
    });
    expect(event.detail).toMatchObject({ revokedTokens: 1, unassignedChains: ['bravo'] });
    // Chains go only to an active account manager.
    expect(await reassign(am.id, ['bravo'])).toMatchObject({ ok: false, status: 409 });
  });

  it('reassigns chains in bulk, all or nothing: an unknown slug is a 400 naming it and nothing moves', async () => {
    const [a, b] = [await newUser('account_manager'), await newUser('account_manager')];
    expect(await reassign(a.id, ['alpha', 'charlie'])).toMatchObject({ ok: true });
    const events = await auditCount('chain.account-manager');
    const refused = await reassign(b.id, ['alpha', 'nope-1', 'charlie', 'nope-2']);
    expect(refused).toMatchObject({ ok: false, status: 400 });
    if (!refused.ok) expect(refused.message).toMatch(/"nope-1", "nope-2"/);
    expect([await managerOf('alpha'), await managerOf('charlie')]).toEqual([a.id, a.id]);
    expect(await auditCount('chain.account-manager')).toBe(events);

    const moved = await reassign(b.id, ['alpha', 'charlie', 'alpha']);
    expect(moved).toMatchObject({
      ok: true,
      moved: [
        { slug: 'alpha', from: a.email },
        { slug: 'charlie', from: a.email },
      ],
    });
    expect(await managerOf('alpha')).toBe(b.id);
    expect(await auditCount('chain.account-manager')).toBe(events + 2);
    const ops = await newUser('ops');
    expect(await reassign(ops.id, ['alpha'])).toMatchObject({ ok: false, status: 409 });
    expect(await reassign(b.id, [])).toMatchObject({ ok: false, status: 400 });
  });

  it('never demotes or deactivates the last active admin, and a refused change leaves no audit row', async () => {
    await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'ops' } });
    const admin = await newUser('admin');
    const updates = await auditCount('user.update');
    expect(await update(admin.id, { role: 'ops' })).toMatchObject({ ok: false, status: 409 });
    expect(await update(admin.id, { active: false })).toMatchObject({ ok: false, status: 409 });
    expect(await auditCount('user.update')).toBe(updates);
    expect(await update(admin.id, { name: 'Still admin' })).toMatchObject({ ok: true, user: { role: 'admin' } });
  });

  it('two concurrent demotions of the last two admins: exactly one succeeds', async () => {
    for (let round = 0; round < 5; round++) {
      await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'ops' } });
      const [a, b] = [await newUser('admin'), await newUser('admin')];
      const results = await Promise.all([update(a.id, { role: 'ops' }), update(b.id, { active: false })]);
      expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
      expect(results.find((r) => !r.ok)).toMatchObject({ status: 409 });
      expect(await db.user.count({ where: { role: 'admin', active: true } })).toBe(1);
    }
  });

  it('lists users with their role, status and the chains they manage', async () => {
    const users = await findUsers(actor);
    const jane = users.find((u) => u.email === 'jane.doe@example.com');
    expect(jane).toMatchObject({ role: 'ops', active: true, signsInWith: 'password', chains: [] });
    expect(users.some((u) => u.chains.some((c) => c.slug === 'alpha'))).toBe(true);
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });
});

// The first admin, before the app ever started: the CLI as a child process, on a database with no tables.
describe('npm run user', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  let database: TestDatabase;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/user.ts', ...args], {
      cwd: root,
      env: {
        NODE_ENV: 'test',
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        FLEETPANE_DEMO: 'true',
        ...definedEnv(database.env),
      },
      encoding: 'utf8',
      timeout: 120_000,
    });

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database.drop());

  it('creates the first admin on an empty database, and keeps the last-admin rule', async () => {
    const created = cli('create', '--email', 'First@Example.com', '--role', 'admin', '--name', 'First Admin');
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('Added first@example.com (admin).');
    expect(cli('list').stdout).toContain('first@example.com  admin  active  First Admin');
    const demote = cli('set-role', '--email', 'first@example.com', '--role', 'ops');
    expect(demote.status).toBe(1);
    expect(demote.stderr).toMatch(/first@example\.com is the last active admin/);
    const rows = await query(
      database.env,
      `SELECT "actorEmail", action FROM "AuditEvent" WHERE action LIKE 'user.%' ORDER BY id`,
    );
    expect(rows).toEqual([{ actorEmail: expect.stringMatching(/^cli:/), action: 'user.create' }]);
    // Three processes, each compiling the CLI and opening the database.
  }, 240_000);
});

const definedEnv = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

/** Reads the CLI's database once the CLI has ended (an embedded one opens in one process at a time). */
async function query(env: Record<string, string | undefined>, sql: string): Promise<unknown[]> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(sql);
    await client.end();
    return rows;
  }
  const pglite = new PGlite(path.join(env.FLEETPANE_DATA_DIR!, 'pglite'));
  const { rows } = await pglite.query(sql);
  await pglite.close();
  return rows;
}
