// A fresh, migrated database for one test file: a temporary PGlite directory, or, when the suite runs
// against a PostgreSQL server (FLEETPANE_TEST_DATABASE_URL), a scratch database on it dropped afterwards.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createScratchDatabase } from '../../scripts/lib/scratch-database';

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
    const scratch = await createScratchDatabase(serverUrl, 'fleetpane_t');
    if (migrate) {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      await client.query(migrationSql());
      await client.end();
    }
    return { env: { DATABASE_URL: scratch.url, FLEETPANE_DATA_DIR: undefined }, drop: scratch.drop };
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
