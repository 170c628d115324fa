// The driver adapter for the configured database: PGlite in this process, or a PostgreSQL server.
// Used by the Prisma client and by migrations, so both always talk to the same database.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { noteQueryError, noteQueryOk, setDatabaseProbe } from './database-outage.mjs';
import { ConfigError } from './config';
import type { DatabaseConfig } from './config';

export type DatabaseHandle = {
  adapter: PrismaPGlite | PrismaPg;
  close(): Promise<void>;
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite must be opened by one process at a time; two would corrupt it. A pid file next to the data
 * turns a second opener (a second npm start, a CLI while the app runs) into a clear refusal.
 */
function lockEmbedded(dataDir: string): () => void {
  const lockFile = `${dataDir}.pid`;
  if (existsSync(lockFile)) {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && alive(holder)) {
      throw new ConfigError(
        `The embedded database ${dataDir} is open in process ${holder} (a running npm start?): stop it first, or use a PostgreSQL server (DATABASE_URL) to share one database between processes.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => {
    if (existsSync(lockFile) && readFileSync(lockFile, 'utf8') === String(process.pid))
      rmSync(lockFile, { force: true });
  };
  process.once('exit', release);
  return release;
}

/**
 * How pg reaches the PostgreSQL server: the Prisma client's pool and any connection of our own. The parts
 * separately: a connection string would be re-parsed by pg with other rules.
 */
export function serverConnection(db: Extract<DatabaseConfig, { kind: 'server' }>) {
  return {
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    ssl: db.ssl ? { rejectUnauthorized: true } : undefined,
    connectionTimeoutMillis: 5_000,
  };
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/**
 * Prisma's pg adapter runs a migration script by splitting it on every ";", dollar-quoted function bodies
 * included (the audit trail's triggers). The server takes the whole script as one simple query, the way
 * Prisma's own engine sends it.
 */
function wholeScripts(adapter: PgAdapter): PgAdapter {
  const inner = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await inner.client.query(script);
    } catch (error) {
      inner.onError(error);
    }
  };
  return adapter;
}

type Queryable = Pick<PgAdapter, 'queryRaw' | 'executeRaw'>;

/** Every query's outcome tells lib/database-outage.mjs whether the server can be reached. */
function noted<T>(run: Promise<T>): Promise<T> {
  return run.then(
    (value) => (noteQueryOk(), value),
    (error: unknown) => {
      noteQueryError(error);
      throw error;
    },
  );
}

function watchQueries<Q extends Queryable>(q: Q): Q {
  const { queryRaw, executeRaw } = q;
  q.queryRaw = (query) => noted(queryRaw.call(q, query));
  q.executeRaw = (query) => noted(executeRaw.call(q, query));
  return q;
}

/** The adapter and its transactions, watched: a server that cannot be reached turns the pages into 503s. */
function watchReachability(adapter: PgAdapter): PgAdapter {
  const { startTransaction } = adapter;
  adapter.startTransaction = (isolation) =>
    noted(startTransaction.call(adapter, isolation)).then((tx) => {
      const { commit } = watchQueries(tx);
      tx.commit = () => noted(commit.call(tx));
      return tx;
    });
  return watchQueries(adapter);
}

class WholeScriptPg extends PrismaPg {
  override async connect(): Promise<PgAdapter> {
    return watchReachability(wholeScripts(await super.connect()));
  }
  override async connectToShadowDb(): Promise<PgAdapter> {
    return wholeScripts(await super.connectToShadowDb());
  }
}

export function openDatabase(db: DatabaseConfig): DatabaseHandle {
  if (db.kind === 'embedded') {
    mkdirSync(db.dataDir, { recursive: true });
    const unlock = lockEmbedded(db.dataDir);
    const pglite = new PGlite(db.dataDir);
    return {
      adapter: new PrismaPGlite(pglite),
      close: async () => {
        await pglite.close();
        unlock();
      },
    };
  }
  const connection = serverConnection(db);
  // During an outage, whether the server is back: a connection of its own, outside the pool.
  setDatabaseProbe(async () => {
    const client = new pg.Client({ ...connection, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  const adapter = new WholeScriptPg({ ...connection, max: 10 });
  return { adapter, close: async () => {} };
}
