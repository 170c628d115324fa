// Migrations, offline: `deploy` applies pending ones to the configured database, `create <name>` writes
// the next one from the schema, `check` fails when the schema and the migration history disagree.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { config } from '../lib/config';
import { openDatabase } from '../lib/db-adapter';
import { applyMigrations, createMigration, diffMigrationsToSchema } from './lib/migrations';
import { exitOnError } from './lib/processes';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'deploy') {
    const handle = openDatabase(config().database);
    const applied = await applyMigrations(handle.adapter);
    await handle.close();
    console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
  } else if (command === 'create') {
    if (!name || !/^[a-z0-9_]+$/.test(name))
      throw new Error('Name the migration in snake_case: npm run db:migration:create -- add_cost_table');
    // Diffed against the history replayed on a throwaway in-memory database, never a real one.
    const dir = await createMigration(new PrismaPGlite(new PGlite()), name);
    console.log(
      dir ? `Wrote prisma/migrations/${dir}/migration.sql.` : 'The schema matches the migrations: nothing to write.',
    );
  } else if (command === 'check') {
    const drift = await diffMigrationsToSchema(new PrismaPGlite(new PGlite()));
    if (drift) {
      console.error(
        `prisma/schema.prisma differs from the migration history; run npm run db:migration:create -- <name>. Missing:\n${drift}`,
      );
      process.exit(1);
    }
    console.log('The migration history matches prisma/schema.prisma.');
  } else {
    throw new Error('Usage: db-migrate deploy | create <name> | check');
  }
  // PGlite and the Wasm engine leave timers running.
  process.exit(0);
}

main().catch(exitOnError);
