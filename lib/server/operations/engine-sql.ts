import 'server-only';
import { spawn } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import pg from 'pg';
import { config } from '@/lib/config';
import type { AwsClients } from '@/lib/server/aws/clients';
import { chainDatabaseName } from '@/lib/chain-slug';
import { ensureChainSecret, readMasterSecret } from '@/lib/server/aws/secrets';

// SQL inside RDS instances' engines, as their master user.
// A chain on a shared instance gets its own database and its own login inside the instance's engine,
// made here in SQL as the instance's master user. Isolation: nobody but the chain's login (and the
// master) may connect to its database, and the login is capped so a spike at one chain cannot take the
// instance's connections or run queries forever at its neighbours' expense.

/** Connections one chain may hold on a shared instance (RDS PostgreSQL on a db.m6g.large allows ~800). */
export const CHAIN_CONNECTION_LIMIT = 40;
const STATEMENT_TIMEOUT = '60s';

export type Endpoint = { host: string; port: number };

// Lower-case letters, digits and underscores (a slug with its dashes made underscores); always quoted.
const NAME = /^[a-z0-9_]{1,63}$/;

/** Against the emulator every RDS instance is one engine: nothing is made, copied or dropped between two. */
export const oneEngine = () => config().engine.kind === 'emulated';

async function describeWithEndpoint(clients: AwsClients, identifier: string) {
  const instance = (await clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier })))
    .DBInstances?.[0];
  if (!instance?.Endpoint?.Address) throw new Error(`${identifier} has no endpoint yet`);
  return { instance, endpoint: { host: instance.Endpoint.Address, port: instance.Endpoint.Port ?? 5432 } };
}

/** Where the instance's engine listens (what a chain's app connects to). */
export async function instanceEndpoint(clients: AwsClients, identifier: string): Promise<Endpoint> {
  return (await describeWithEndpoint(clients, identifier)).endpoint;
}

/** How to reach an instance's engine as its master user: the endpoint and master secret, or the emulator's stand-in. */
export async function masterConnection(
  clients: AwsClients,
  identifier: string,
): Promise<{ config: pg.ClientConfig; endpoint: Endpoint }> {
  const { instance, endpoint } = await describeWithEndpoint(clients, identifier);
  const engine = config().engine;
  if (engine.kind === 'emulated') {
    // The emulator's instances have no engine: one PostgreSQL server stands in for all of them.
    const url = new URL(engine.url);
    return {
      endpoint,
      config: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password) || undefined,
        database: url.pathname.slice(1) || 'postgres',
      },
    };
  }
  const arn = instance.MasterUserSecret?.SecretArn;
  if (!arn)
    throw new Error(
      `${identifier} has no RDS-managed master secret (create it with ManageMasterUserPassword) : Fleetpane never holds master passwords itself`,
    );
  const master = await readMasterSecret(clients, arn);
  const ca = engine.caFile ? readFileSync(engine.caFile, 'utf8') : undefined;
  if (!ca)
    throw new Error('FLEETPANE_RDS_CA_FILE is not set: the RDS CA bundle is needed to verify the instance over TLS');
  return {
    endpoint,
    config: {
      ...endpoint,
      user: master.username,
      password: master.password,
      database: 'postgres',
      ssl: { ca, rejectUnauthorized: true },
    },
  };
}

async function withClient<T>(cfg: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...cfg, connectionTimeoutMillis: 10_000, statement_timeout: 60_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// Every role and database Fleetpane makes carries this comment: only those are ever altered or dropped, so
// a name that happens to be taken (the master user, postgres, another tool's database) is refused.
const mark = (slug: string) => `fleetpane:chain=${slug}`;

/**
 * PostgreSQL's stored form of a password (SCRAM-SHA-256, RFC 5802/7677), which CREATE ROLE accepts in its
 * place. Our passwords are ASCII, so SASLprep leaves them as they are.
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Names a chain's database and login may not take, whatever its slug. */
export function reservedDatabaseName(name: string): boolean {
  return (
    ['postgres', 'template0', 'template1', 'rdsadmin', 'fleetpane_admin'].includes(name) || /^(pg_|rds)/.test(name)
  );
}

async function ownership(
  client: pg.Client,
  kind: 'role' | 'database',
  name: string,
  slug: string,
): Promise<'absent' | 'ours' | 'foreign'> {
  const sql =
    kind === 'role'
      ? "SELECT shobj_description(oid, 'pg_authid') AS mark FROM pg_roles WHERE rolname = $1"
      : "SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1";
  const row = (await client.query<{ mark: string | null }>(sql, [name])).rows[0];
  return !row ? 'absent' : row.mark === mark(slug) ? 'ours' : 'foreign';
}

/** Whether the chain's role or database exists already (a resumed run); someone else's is refused. */
async function owned(client: pg.Client, kind: 'role' | 'database', name: string, slug: string): Promise<boolean> {
  const who = await ownership(client, kind, name, slug);
  if (who === 'foreign') throw new Error(`a ${kind} ${name} exists in this instance and is not ${slug}'s: refused`);
  return who === 'ours';
}

/** Creates (or, for a resumed run, brings up to date) the chain's login and database; safe to repeat. */
export async function createIsolatedDatabase(
  cfg: pg.ClientConfig,
  name: string,
  password: string,
  slug: string,
): Promise<string> {
  if (!NAME.test(name) || reservedDatabaseName(name))
    throw new Error(`"${name}" is not a name a chain's database may take`);
  return withClient(cfg, async (client) => {
    const login = client.escapeIdentifier(name);
    const comment = client.escapeLiteral(mark(slug));
    // INHERIT: the owner of a database acts through pg_database_owner (PostgreSQL 15+) to create in its public schema.
    // The password goes as its SCRAM verifier: the statement (which a failing DDL or an audit log would
    // write to the instance's logs) never holds the password itself.
    const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT CONNECTION LIMIT ${CHAIN_CONNECTION_LIMIT} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`;
    if (await owned(client, 'role', name, slug)) await client.query(`ALTER ROLE ${login} ${options}`);
    else await client.query(`CREATE ROLE ${login} ${options}; COMMENT ON ROLE ${login} IS ${comment}`);
    await client.query(`ALTER ROLE ${login} SET statement_timeout = ${client.escapeLiteral(STATEMENT_TIMEOUT)}`);
    // RDS's master is not a superuser: it must be a member of the role to give it a database.
    await client.query(`GRANT ${login} TO CURRENT_USER`);
    if (!(await owned(client, 'database', name, slug))) {
      await client.query(`CREATE DATABASE ${login} OWNER ${login}`);
      await client.query(`COMMENT ON DATABASE ${login} IS ${comment}`);
    }
    await client.query(`REVOKE ALL ON DATABASE ${login} FROM PUBLIC`);
    return `database ${name} owned by login ${name}, no access for others, ${CHAIN_CONNECTION_LIMIT} connections at most, statements end after ${STATEMENT_TIMEOUT}`;
  });
}

/** Drops the chain's database and login (a rollback, a decommission) when they are its own; gone counts as done. */
export async function dropIsolatedDatabase(cfg: pg.ClientConfig, name: string, slug: string): Promise<string> {
  if (!NAME.test(name)) throw new Error(`"${name}" is not a safe database name`);
  return withClient(cfg, async (client) => {
    const ident = client.escapeIdentifier(name);
    const left: string[] = [];
    for (const kind of ['database', 'role'] as const) {
      const who = await ownership(client, kind, name, slug);
      if (who === 'ours')
        await client.query(kind === 'database' ? `DROP DATABASE ${ident} WITH (FORCE)` : `DROP ROLE ${ident}`);
      if (who === 'foreign') left.push(`${kind} ${name} (not made for ${slug}: left alone)`);
    }
    return left.length ? `dropped what was the chain's; ${left.join(', ')}` : `dropped database and login ${name}`;
  });
}

/**
 * The chain's login (its secret, created the first time with the instance's endpoint) and its own database
 * in the instance; safe to repeat.
 */
export async function createChainLogin(clients: AwsClients, slug: string, instance: string): Promise<string> {
  const database = chainDatabaseName(slug);
  const { config: master, endpoint } = await masterConnection(clients, instance);
  const login = await ensureChainSecret(clients, slug, {
    ...endpoint,
    dbname: database,
    username: database,
    dbInstanceIdentifier: instance,
  });
  return createIsolatedDatabase(master, database, login.password, slug);
}

const tool = (name: string) => path.join(process.env.FLEETPANE_PG_BIN ?? '', name);

function libpqEnv(cfg: pg.ClientConfig, database: string): Record<string, string | undefined> {
  const ssl = cfg.ssl && typeof cfg.ssl === 'object' ? cfg.ssl : null;
  return {
    PATH: process.env.PATH,
    PGHOST: cfg.host,
    PGPORT: String(cfg.port ?? 5432),
    PGUSER: cfg.user,
    PGDATABASE: database,
    ...(typeof cfg.password === 'string' ? { PGPASSWORD: cfg.password } : {}),
    ...(ssl ? { PGSSLMODE: 'verify-full', PGSSLROOTCERT: process.env.FLEETPANE_RDS_CA_FILE } : {}),
  };
}

/**
 * Copies one database to another engine with PostgreSQL's own tools (pg_dump | pg_restore, from
 * FLEETPANE_PG_BIN or the PATH, at least the engines' major version): schema and data, every object
 * owned by the target database's owner login. The target database exists and is empty.
 */
export async function copyDatabase(
  source: pg.ClientConfig,
  target: pg.ClientConfig,
  database: { from: string; to: string; owner: string },
  signal?: AbortSignal,
): Promise<string> {
  if (![database.from, database.to, database.owner].every((n) => NAME.test(n)))
    throw new Error('unsafe database or login name');
  const dump = spawn(tool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges'], {
    env: { ...process.env, ...libpqEnv(source, database.from) },
    stdio: ['ignore', 'pipe', 'pipe'],
    signal,
  });
  const restore = spawn(
    tool('pg_restore'),
    [
      '--no-owner',
      '--no-privileges',
      `--role=${database.owner}`,
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${database.to}`,
    ],
    {
      env: { ...process.env, ...libpqEnv(target, database.to) },
      stdio: ['pipe', 'ignore', 'pipe'],
      // A step that times out ends both tools, not just the wait for them.
      signal,
    },
  );
  dump.stdout.pipe(restore.stdin);
  let bytes = 0;
  dump.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const ended = (child: ReturnType<typeof spawn>, name: string) =>
    new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-1_000)));
      child.on('error', (error) =>
        reject(
          new Error(
            `${name} could not run (${error.message}): install the PostgreSQL client tools or set FLEETPANE_PG_BIN`,
          ),
        ),
      );
      // The tool's own error line, not the SQL it quotes after it.
      const why = () =>
        stderr
          .split('\n')
          .find((l) => /error:/i.test(l))
          ?.trim() ??
        (stderr.trim() || `exit ${code}`);
      let code: number | null = null;
      child.on('exit', (c) => ((code = c), c === 0 ? resolve() : reject(new Error(`${name} failed: ${why()}`))));
    });
  await Promise.all([ended(dump, 'pg_dump'), ended(restore, 'pg_restore')]);
  return `copied ${database.from} (${Math.round(bytes / 1024)} KiB dump) into ${database.to}`;
}
