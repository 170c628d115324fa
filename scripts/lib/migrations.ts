// Prisma migrations without the native schema engine (it cannot be downloaded offline): Prisma's own
// schema engine compiled to WebAssembly, driven through a driver adapter. It writes and reads the
// standard prisma/migrations layout and _prisma_migrations table, so the real CLI accepts the history.
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

const root = path.resolve(import.meta.dirname, '../..');
export const schemaPath = path.join(root, 'prisma/schema.prisma');
export const migrationsDir = path.join(root, 'prisma/migrations');
const noFilter = { externalTables: [], externalEnums: [] };

type Bindings = { SchemaEngine: { new: (...args: unknown[]) => Promise<SchemaEngine> } };
let bindingsPromise: Promise<Bindings> | undefined;

// The package's entry imports the .wasm file as an ES module, which Node does not do without a flag:
// instantiate it by hand, once per process (the bindings cache views of the instance's memory).
function loadBindings(): Promise<Bindings> {
  bindingsPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = await import(pathToFileURL(glue).href);
    // The bindings report a Rust panic's message through this global before throwing.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        console.error(`Prisma schema engine panicked: ${message}`);
      },
    };
    const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings as Bindings;
  })();
  return bindingsPromise;
}

async function loadEngine(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const bindings = await loadBindings();
  const schema = await readFile(schemaPath, 'utf8');
  const log = (line: string) => {
    if (process.env.FLEETPANE_DEBUG_MIGRATIONS) console.error(line);
  };
  return bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
}

export async function listMigrations(): Promise<MigrationList> {
  await mkdir(migrationsDir, { recursive: true });
  const entries = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Applies every pending migration; returns the names applied. */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await loadEngine(adapter);
  try {
    const out = await engine.applyMigrations({ migrationsList: await listMigrations(), filters: noFilter });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that would take the migration history to the schema; empty when they agree (no drift). */
export async function diffMigrationsToSchema(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const engine = await loadEngine(adapter);
  try {
    const schema = await readFile(schemaPath, 'utf8');
    const out = await engine.diff({
      from: { tag: 'migrations', ...(await listMigrations()) },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    const sql = stripSchemaCreation(out.stdout ?? '').trim();
    return sql.startsWith('-- This is an empty migration') ? '' : sql;
  } finally {
    engine.free();
  }
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql from the diff; null when nothing changed. */
export async function createMigration(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  name: string,
): Promise<string | null> {
  await mkdir(migrationsDir, { recursive: true });
  await writeFile(
    path.join(migrationsDir, 'migration_lock.toml'),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  const sql = await diffMigrationsToSchema(adapter);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`;
  await mkdir(path.join(migrationsDir, dir), { recursive: true });
  await writeFile(path.join(migrationsDir, dir, 'migration.sql'), `${sql}\n`);
  return dir;
}

// The engine prefixes a first migration with CREATE SCHEMA "public", which breaks on servers where
// the schema exists and the role may not create one.
function stripSchemaCreation(sql: string): string {
  return sql.replace(/^-- CreateSchema\s*\nCREATE SCHEMA IF NOT EXISTS "public";\s*\n/m, '');
}
