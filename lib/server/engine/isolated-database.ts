import 'server-only';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { chainDatabaseName } from '@/lib/chain-slug';
import type { AwsClients } from '@/lib/server/aws/clients';
import { ensureChainSecret } from '@/lib/server/aws/secrets';
import { masterConnection, withClient } from './engine-connection';

// SQL inside RDS instances' engines, as their master user.
// A chain on a shared instance gets its own database and its own login inside the instance's engine,
// made here in SQL as the instance's master user. Isolation: nobody but the chain's login (and the
// master) may connect to its database, and the login is capped so a spike at one chain cannot take the
// instance's connections or run queries forever at its neighbours' expense.

/** Connections one chain may hold on a shared instance (RDS PostgreSQL on a db.m6g.large allows ~800). */
export const CHAIN_CONNECTION_LIMIT = 40;
const STATEMENT_TIMEOUT = '60s';

/** Lower-case letters, digits and underscores (a slug with its dashes made underscores); always quoted. */
export const SAFE_NAME = /^[a-z0-9_]{1,63}$/;

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
  if (!SAFE_NAME.test(name) || reservedDatabaseName(name))
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
  if (!SAFE_NAME.test(name)) throw new Error(`"${name}" is not a safe database name`);
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
