// A fresh, migrated database for one test file: a temporary PGlite directory, or, when the suite runs
// against a PostgreSQL server (FLEETPANE_TEST_DATABASE_URL), a scratch database on it dropped afterwards.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const migrationsDir = path.resolve(import.meta.dirname, '../../prisma/migrations');

export function migrationSql(): string {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8'))
    .join('\n');
}

export type TestDatabase = { env: Record<string, string | undefined>; drop(): Promise<void> };

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const serverUrl = process.env.FLEETPANE_TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `fleetpane_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    if (migrate) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query(migrationSql());
      await client.end();
    }
    return {
      env: { DATABASE_URL: url.toString(), FLEETPANE_DATA_DIR: undefined },
      async drop() {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetpane-test-'));
  if (migrate) {
    const db = new PGlite(path.join(dir, 'pglite'));
    await db.exec(migrationSql());
    await db.close();
  }
  return {
    env: { DATABASE_URL: undefined, FLEETPANE_DATA_DIR: dir },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function applyEnv(env: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
