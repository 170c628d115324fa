// A throwaway emulator and database for a benchmark run, seeded with a fleet of a given size: the embedded
// database in a temporary folder, or with `postgres` a scratch database on the PostgreSQL server
// (DATABASE_URL, else the local one), dropped when the benchmark ends.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoAwsEnv, startEmulator } from '../../scripts/lib/emulator';
import { createScratchDatabase } from '../../scripts/lib/scratch-database';

export type BenchDatabase = 'embedded' | 'postgres';

export async function prepareBenchEnv(
  port: number,
  database: BenchDatabase = 'embedded',
): Promise<{ endpoint: string; drop: () => Promise<void> }> {
  const endpoint = await startEmulator(port);
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  Object.assign(process.env, demoAwsEnv, {
    AWS_ENDPOINT_URL: endpoint,
    FLEETPANE_DEMO: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  return { endpoint, drop: await prepareBenchDatabase(database) };
}

/** The benchmark's own database, set in the environment; returns how to drop it. */
export async function prepareBenchDatabase(database: BenchDatabase): Promise<() => Promise<void>> {
  if (database === 'postgres') {
    const scratch = await createScratchDatabase(
      process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      'fleetpane_bench',
    );
    process.env.DATABASE_URL = scratch.url;
    return scratch.drop;
  }
  process.env.FLEETPANE_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'fleetpane-bench-'));
  delete process.env.DATABASE_URL;
  return async () => {};
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Migrates the benchmark's database (call after the environment is set: configuration reads it once). */
export async function migrateBenchDatabase(): Promise<void> {
  const { openDatabase } = await import('../../lib/db-adapter');
  const { config } = await import('../../lib/config');
  const { applyMigrations } = await import('../../scripts/lib/migrations');
  const handle = openDatabase(config().database);
  await applyMigrations(handle.adapter);
  await handle.close();
}
