import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, DescribeDBInstancesCommand, DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { approveOperation as approveOperationThrowing } from '@/lib/server/operations/approve-operation';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { finalSnapshotIdFor } from '@/lib/server/operations/kernel/shared-steps';
import {
  operationChainSelect,
  recordOperation as recordOperationThrowing,
} from '@/lib/server/operations/record-operation';
import { provisionChain as provisionChainThrowing } from '@/lib/server/operations/provision-chain';
import { copyDatabase } from '@/lib/server/engine/copy-database';
import { CHAIN_CONNECTION_LIMIT, createIsolatedDatabase, scramVerifier } from '@/lib/server/engine/isolated-database';
import { requireEmulator, testRds } from '../support/aws';
import { outcomeOf } from '../support/outcome';

const recordOperation = outcomeOf(recordOperationThrowing);
const provisionChain = outcomeOf(provisionChainThrowing);
const approveOperation = outcomeOf(approveOperationThrowing);

// Chains on a shared instance: their own database and login, made in the engine behind the instance (the
// embedded stand-in, or with FLEETPANE_TEST_DATABASE_URL a real PostgreSQL server, where logins are enforced).

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
// With a PostgreSQL server, it stands in for the instances' engine here, so logins are enforced for real;
// every role and database this file makes has a run-unique name and is dropped at the end.
if (process.env.FLEETPANE_TEST_DATABASE_URL)
  process.env.FLEETPANE_EMULATED_ENGINE_URL = process.env.FLEETPANE_TEST_DATABASE_URL;
const SHARED = 'fp-shared-eu-west-1-1';
// Roles are global to a server that other runs may share: this run's names are its own.
const run = randomBytes(3).toString('hex');
const slug = (name: string) => `${name}-${run}`;
const dbName = (name: string) => slug(name).replace(/-/g, '_');
const engineUrl = () => new URL(process.env.FLEETPANE_EMULATED_ENGINE_URL ?? '');
const engine = () => ({
  host: engineUrl().hostname,
  port: Number(engineUrl().port),
  user: decodeURIComponent(engineUrl().username),
  database: engineUrl().pathname.slice(1) || 'postgres',
});
const made: string[] = [];
let user: { id: string; email: string };

const body = (name: string, extra: object = {}) => ({
  slug: slug(name),
  name: `New ${name}`,
  region: 'eu-west-1',
  tier: 'starter',
  residency: 'EU',
  appInstanceType: 't3.small',
  contract: { startDate: '2026-12-01', endDate: '2027-11-30', monthlyPrice: '490.00', currency: 'EUR' },
  ...extra,
});

async function provision(name: string, extra: object = {}) {
  const r = await provisionChain(user, body(name, extra), randomUUID());
  if (!r.ok) throw new Error(`${r.message}`);
  made.push(dbName(name));
  await drainOperations('test-worker');
  return db.operation.findUniqueOrThrow({
    where: { id: r.operation.id },
    select: {
      id: true,
      status: true,
      error: true,
      steps: { select: { name: true, status: true }, orderBy: { position: 'asc' } },
    },
  });
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(engine());
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const secretOf = async (s: string) =>
  JSON.parse(
    (
      await new SecretsManagerClient({ region: 'eu-west-1', maxAttempts: 1 }).send(
        new GetSecretValueCommand({ SecretId: `fleetpane/${s}/database` }),
      )
    ).SecretString ?? '{}',
  ) as { username: string; password: string; dbname: string; host: string; dbInstanceIdentifier: string };

describe('chains on a shared instance', () => {
  beforeAll(async () => {
    requireEmulator();
    if (!process.env.FLEETPANE_EMULATED_ENGINE_URL)
      throw new Error('These tests need the emulated engine: run them through npm test.');
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    user = (await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } })) as {
      id: string;
      email: string;
    };
    await testRds('eu-west-1')
      .send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: SHARED,
          DBInstanceClass: 'db.m6g.large',
          Engine: 'postgres',
          AllocatedStorage: 200,
          MasterUsername: 'fleetpane_admin',
          ManageMasterUserPassword: true,
        }),
      )
      .catch((error: { name?: string }) => {
        if (error.name !== 'DBInstanceAlreadyExistsFault') throw error;
      });
  });

  afterAll(async () => {
    for (const name of made)
      await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        .then(() => sql(`DROP ROLE IF EXISTS "${name}"`))
        .catch(() => {});
  });
  // Chains on a shared instance, then one moved off it.

  it('gives a starter chain its own database and login in a shared instance, and its login in Secrets Manager', async () => {
    const op = await provision('pho-place', { database: { kind: 'shared', sharedInstance: SHARED } });
    expect(op).toMatchObject({ status: 'succeeded', error: null });
    const s = slug('pho-place');
    const name = dbName('pho-place');
    const d = await db.deployment.findFirstOrThrow({
      where: { chain: { slug: s } },
      select: {
        databaseKind: true,
        dbInstanceIdentifier: true,
        databaseName: true,
        sharedDbInstance: { select: { dbInstanceIdentifier: true } },
      },
    });
    expect(d).toEqual({
      databaseKind: 'shared',
      dbInstanceIdentifier: SHARED,
      databaseName: name,
      sharedDbInstance: { dbInstanceIdentifier: SHARED },
    });
    // No instance of its own.
    await expect(
      testRds('eu-west-1').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: `fp-${s}` })),
    ).rejects.toThrow();

    const secret = await secretOf(s);
    expect(secret).toMatchObject({ username: name, dbname: name });
    expect(secret.host).toContain(SHARED);
    expect(secret.password.length).toBeGreaterThanOrEqual(32);
    // In the engine: the login, capped; the database, owned by it, with no access for anybody else.
    const [role] = await sql<{ rolconnlimit: number; rolsuper: boolean; rolcreatedb: boolean; rolconfig: string[] }>(
      'SELECT rolconnlimit, rolsuper, rolcreatedb, rolconfig FROM pg_roles WHERE rolname = $1',
      [name],
    );
    expect(role).toEqual({
      rolconnlimit: CHAIN_CONNECTION_LIMIT,
      rolsuper: false,
      rolcreatedb: false,
      rolconfig: ['statement_timeout=60s'],
    });
    const [database] = await sql<{ owner: string; acl: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner, datacl::text AS acl FROM pg_database WHERE datname = $1',
      [name],
    );
    expect(database?.owner).toBe(name);
    // An ACL entry for PUBLIC starts with "=": there is none.
    expect(database?.acl).not.toMatch(/[{,]=/);

    const stored =
      (
        await new SSMClient({ region: 'eu-west-1', maxAttempts: 1 }).send(
          new GetParametersByPathCommand({ Path: `/fleetpane/${s}/` }),
        )
      ).Parameters ?? [];
    expect(Object.fromEntries(stored.map((p) => [p.Name!.split('/').pop(), p.Value]))).toMatchObject({
      'database-instance': SHARED,
      'database-name': name,
      'database-secret': `fleetpane/${s}/database`,
    });
  });

  it('puts a starter chain on the emptiest shared instance by default; a dedicated tier never goes on one', async () => {
    const op = await provision('ramen-row');
    expect(op.status).toBe('succeeded');
    const d = await db.deployment.findFirstOrThrow({
      where: { chain: { slug: slug('ramen-row') } },
      select: { databaseKind: true, dbInstanceIdentifier: true },
    });
    expect(d).toEqual({ databaseKind: 'shared', dbInstanceIdentifier: SHARED });

    const refused = await provisionChain(
      user,
      body('steak-stop', { tier: 'standard', database: { kind: 'shared' } }),
      randomUUID(),
    );
    expect(refused).toMatchObject({ ok: false, status: 400 });
    expect(refused.ok ? '' : refused.message).toMatch(/database-kind/);
    const nowhere = await provisionChain(
      user,
      body('taco-truck', { region: 'ap-south-1', residency: null, database: { kind: 'shared' } }),
      randomUUID(),
    );
    expect(nowhere.ok ? '' : nowhere.message).toMatch(/no shared instance in ap-south-1/);
  });

  it.skipIf(!process.env.FLEETPANE_TEST_DATABASE_URL)(
    'lets a chain’s login into its own database only (enforced by a PostgreSQL server)',
    async () => {
      const mine = await secretOf(slug('pho-place'));
      const connectAs = async (database: string) => {
        const client = new pg.Client({ ...engine(), user: mine.username, password: mine.password, database });
        await client.connect();
        await client.end();
      };
      await expect(connectAs(dbName('pho-place'))).resolves.toBeUndefined();
      // And it can build its schema there (as the database's owner).
      const own = new pg.Client({
        ...engine(),
        user: mine.username,
        password: mine.password,
        database: dbName('pho-place'),
      });
      await own.connect();
      await own.query('CREATE TABLE IF NOT EXISTS loyalty_cards (id bigint PRIMARY KEY)');
      await own.end();
      await expect(connectAs(dbName('ramen-row'))).rejects.toThrow(/permission denied/);
    },
  );

  it('decommissions a chain on a shared instance: final snapshot of the instance, its own database, login and secret gone, neighbours kept', async () => {
    const s = slug('ramen-row');
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: s }, select: operationChainSelect });
    const r = await recordOperation(chain, user, {
      body: { type: 'decommission', params: { confirm: s } },
      idempotencyKey: randomUUID(),
    });
    if (!r.ok) throw new Error(r.message);
    const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' }, select: { id: true, email: true } });
    expect(await approveOperation(r.operation.id, admin)).toMatchObject({ ok: true });
    await drainOperations('test-worker');
    expect(
      await db.operation.findUniqueOrThrow({ where: { id: r.operation.id }, select: { status: true, error: true } }),
    ).toEqual({ status: 'succeeded', error: null });

    const final = (
      await testRds('eu-west-1').send(
        new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: finalSnapshotIdFor(s, r.operation.id) }),
      )
    ).DBSnapshots?.[0];
    expect(final).toMatchObject({ Status: 'available', DBInstanceIdentifier: SHARED });
    expect(await sql('SELECT 1 FROM pg_database WHERE datname = $1', [dbName('ramen-row')])).toEqual([]);
    expect(await sql('SELECT 1 FROM pg_roles WHERE rolname = $1', [dbName('ramen-row')])).toEqual([]);
    await expect(secretOf(s)).rejects.toThrow();
    expect(
      (
        await new SSMClient({ region: 'eu-west-1', maxAttempts: 1 }).send(
          new GetParametersByPathCommand({ Path: `/fleetpane/${s}/` }),
        )
      ).Parameters ?? [],
    ).toEqual([]);
    expect((await db.chain.findUniqueOrThrow({ where: { slug: s } })).decommissionedAt).not.toBeNull();
    // The shared instance and the neighbour's database stay.
    expect(
      (await testRds('eu-west-1').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: SHARED })))
        .DBInstances?.[0]?.DBInstanceStatus,
    ).toBe('available');
    expect(await sql('SELECT 1 FROM pg_database WHERE datname = $1', [dbName('pho-place')])).toHaveLength(1);
    expect((await secretOf(slug('pho-place'))).username).toBe(dbName('pho-place'));
  });

  it('moves a chain from the shared instance to a dedicated one: tier template, login secret and parameters repointed, app back up', async () => {
    const op = await provision('udon-union', { database: { kind: 'shared', sharedInstance: SHARED } });
    expect(op.status).toBe('succeeded');
    const s = slug('udon-union');
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: s }, select: operationChainSelect });
    expect(
      await recordOperation(chain, user, {
        body: { type: 'move-to-dedicated', params: { confirm: 'nope' } },
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, status: 400 });
    const dedicated = await db.chain.findUniqueOrThrow({ where: { slug: 'green-bowl' }, select: operationChainSelect });
    expect(
      await recordOperation(dedicated, user, {
        body: { type: 'move-to-dedicated', params: { confirm: 'green-bowl' } },
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, status: 400 });

    const r = await recordOperation(chain, user, {
      body: { type: 'move-to-dedicated', params: { instanceClass: 'db.t4g.large', storageGb: 50, confirm: s } },
      idempotencyKey: randomUUID(),
    });
    if (!r.ok) throw new Error(r.message);
    await drainOperations('test-worker');
    const moved = await db.operation.findUniqueOrThrow({
      where: { id: r.operation.id },
      select: {
        status: true,
        error: true,
        steps: { select: { name: true, status: true }, orderBy: { position: 'asc' } },
      },
    });
    expect(moved).toMatchObject({ status: 'succeeded', error: null });
    expect(moved.steps.map((x) => x.name)).toEqual(
      expect.arrayContaining([
        'Stop the app instance',
        `Copy the chain's database to fp-${s}`,
        `Point the chain at fp-${s}`,
        'Start the app instance',
      ]),
    );

    const rds = (await testRds('eu-west-1').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: `fp-${s}` })))
      .DBInstances![0]!;
    // Starter's template: one zone, backups kept a day at least, encrypted; the class and storage asked.
    expect(rds).toMatchObject({
      DBInstanceClass: 'db.t4g.large',
      AllocatedStorage: 50,
      MultiAZ: false,
      StorageEncrypted: true,
    });
    expect(rds.TagList).toContainEqual({ Key: 'fleetpane:chain', Value: s });
    expect(
      await db.deployment.findFirstOrThrow({
        where: { chain: { slug: s } },
        select: { databaseKind: true, dbInstanceIdentifier: true, sharedDbInstanceId: true, databaseName: true },
      }),
    ).toEqual({
      databaseKind: 'dedicated',
      dbInstanceIdentifier: `fp-${s}`,
      sharedDbInstanceId: null,
      databaseName: dbName('udon-union'),
    });
    const secret = await secretOf(s);
    expect(secret).toMatchObject({ username: dbName('udon-union'), dbInstanceIdentifier: `fp-${s}` });
    expect(secret.host).toContain(`fp-${s}`);
    const stored =
      (
        await new SSMClient({ region: 'eu-west-1', maxAttempts: 1 }).send(
          new GetParametersByPathCommand({ Path: `/fleetpane/${s}/` }),
        )
      ).Parameters ?? [];
    expect(Object.fromEntries(stored.map((x) => [x.Name!.split('/').pop(), x.Value]))).toMatchObject({
      'database-instance': `fp-${s}`,
    });
    const appId = (
      await db.deployment.findFirstOrThrow({ where: { chain: { slug: s } }, select: { appInstanceId: true } })
    ).appInstanceId!;
    const app = (
      await new EC2Client({ region: 'eu-west-1', maxAttempts: 1 }).send(
        new DescribeInstancesCommand({ InstanceIds: [appId] }),
      )
    ).Reservations![0]!.Instances![0]!;
    expect(app.State?.Name).toBe('running');
    // The shared instance stays, with the other chains' databases.
    expect(
      (await testRds('eu-west-1').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: SHARED })))
        .DBInstances?.[0]?.DBInstanceStatus,
    ).toBe('available');
    expect(await sql('SELECT 1 FROM pg_database WHERE datname = $1', [dbName('pho-place')])).toHaveLength(1);
    // Now a dedicated chain: a second move is refused.
    const again = await db.chain.findUniqueOrThrow({ where: { slug: s }, select: operationChainSelect });
    expect(
      await recordOperation(again, user, {
        body: { type: 'move-to-dedicated', params: { confirm: s } },
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({ ok: false, status: 400 });
  });

  it.skipIf(!process.env.FLEETPANE_TEST_DATABASE_URL)(
    'sends a login’s password as the SCRAM verifier PostgreSQL itself would store',
    async () => {
      // PostgreSQL hashes a plain password with a random salt; the same salt through ours gives the same verifier.
      const role = `scram_check_${run}`;
      made.push(role);
      await sql(
        `SET password_encryption = 'scram-sha-256'; CREATE ROLE ${role} PASSWORD 'correct horse battery staple'`,
      );
      const [stored] = await sql<{ p: string }>('SELECT rolpassword AS p FROM pg_authid WHERE rolname = $1', [role]);
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored!.p)!;
      expect(scramVerifier('correct horse battery staple', Buffer.from(salt!, 'base64'), Number(iterations))).toBe(
        stored!.p,
      );
      // And the chain's login is stored as a verifier, never as the password.
      const [login] = await sql<{ p: string }>('SELECT rolpassword AS p FROM pg_authid WHERE rolname = $1', [
        dbName('pho-place'),
      ]);
      expect(login!.p).toMatch(/^SCRAM-SHA-256\$4096:/);
      expect(login!.p).not.toContain((await secretOf(slug('pho-place'))).password);
    },
  );

  it.skipIf(!process.env.FLEETPANE_TEST_DATABASE_URL)(
    'copies a database between engines with pg_dump and pg_restore, owned by the chain’s login',
    async () => {
      const from = `copy_from_${run}`;
      const to = `copy_to_${run}`;
      const owner = `copy_owner_${run}`;
      made.push(from, to, owner);
      await createIsolatedDatabase(engine(), owner, 'irrelevant-here', 'copy-test');
      await sql(`CREATE DATABASE ${from}`);
      await sql(`CREATE DATABASE ${to} OWNER ${owner}`);
      const source = new pg.Client({ ...engine(), database: from });
      await source.connect();
      await source.query(
        "CREATE TABLE members (id int PRIMARY KEY, name text NOT NULL); INSERT INTO members SELECT g, 'member ' || g FROM generate_series(1, 500) g",
      );
      await source.end();

      expect(await copyDatabase(engine(), engine(), { from, to, owner })).toMatch(/^copied/);
      const target = new pg.Client({ ...engine(), database: to });
      await target.connect();
      const rows = (
        await target.query<{ n: string; owner: string }>(
          "SELECT count(*)::text AS n, (SELECT tableowner FROM pg_tables WHERE tablename = 'members') AS owner FROM members",
        )
      ).rows[0];
      await target.end();
      expect(rows).toEqual({ n: '500', owner });
    },
  );

  it('never takes over a role or database it did not make, and refuses reserved names', async () => {
    // Someone else's login happens to have the name the chain's would get.
    made.push(dbName('taken-name'));
    await sql(`CREATE ROLE ${dbName('taken-name')} LOGIN`);
    const op = await provision('taken-name', { database: { kind: 'shared', sharedInstance: SHARED } });
    expect(op.status).toBe('rolled_back');
    expect(op.steps.find((x) => x.name.startsWith("Create the chain's database"))?.status).toBe('failed');
    // The rollback left it alone.
    expect(await sql('SELECT 1 FROM pg_roles WHERE rolname = $1', [dbName('taken-name')])).toHaveLength(1);
    const reserved = await provisionChain(
      user,
      { ...body('x'), slug: 'fleetpane-admin', database: { kind: 'shared' } },
      randomUUID(),
    );
    expect(reserved).toMatchObject({ ok: false, status: 400 });
    expect(reserved.ok ? '' : reserved.message).toMatch(/reserved/);
  });

  it('rolls back the database, the login and the secret when the health check fails', async () => {
    await new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 }).send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Route53',
        MetricData: [
          {
            MetricName: 'HealthCheckStatus',
            Dimensions: [{ Name: 'HealthCheckId', Value: `hc-${slug('soup-spot')}` }],
            Timestamp: new Date(Date.now() - 60_000),
            Value: 0,
          },
        ],
      }),
    );
    const op = await provision('soup-spot', { database: { kind: 'shared', sharedInstance: SHARED } });
    expect(op.status).toBe('rolled_back');
    expect(op.steps.filter((s) => s.name.startsWith('Undo:')).map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const name = dbName('soup-spot');
    expect(await sql('SELECT 1 FROM pg_database WHERE datname = $1', [name])).toEqual([]);
    expect(await sql('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).toEqual([]);
    await expect(secretOf(slug('soup-spot'))).rejects.toThrow();
    // The neighbours on the instance keep theirs.
    expect(await sql('SELECT 1 FROM pg_database WHERE datname = $1', [dbName('pho-place')])).toHaveLength(1);
  });
});
