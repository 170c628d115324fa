// The driver adapter for the configured database: PGlite in this process, or a PostgreSQL server.
// Used by the Prisma client and by migrations, so both always talk to the same database.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseConfig } from './config';

export type DatabaseHandle = {
  adapter: PrismaPGlite | PrismaPg;
  close(): Promise<void>;
};

export function openDatabase(db: DatabaseConfig): DatabaseHandle {
  if (db.kind === 'embedded') {
    if (!db.dataDir.startsWith('memory://')) mkdirSync(db.dataDir, { recursive: true });
    const pglite = new PGlite(db.dataDir);
    return { adapter: new PrismaPGlite(pglite), close: () => pglite.close() };
  }
  // adapter-pg takes the parts separately: a connection string would be re-parsed by pg with other rules.
  const adapter = new PrismaPg({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    ssl: db.ssl ? { rejectUnauthorized: true } : undefined,
    max: 10,
    connectionTimeoutMillis: 5_000,
  });
  return { adapter, close: async () => {} };
}
