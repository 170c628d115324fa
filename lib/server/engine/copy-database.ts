import 'server-only';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
import { SAFE_NAME } from './isolated-database';

// Copies a chain's database between two engines with PostgreSQL's own tools, for the move to a dedicated
// instance.

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
  if (![database.from, database.to, database.owner].every((n) => SAFE_NAME.test(n)))
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
