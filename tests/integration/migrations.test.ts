import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openDatabase } from '@/lib/db-adapter';
import { applyMigrations, diffMigrationsToSchema, listMigrations } from '@/scripts/lib/migrations';
import { createTestDatabase } from '../support/test-database';

describe('migrations through the Wasm schema engine', () => {
  it('applies the whole history to an empty database once, then nothing', async () => {
    const target = await createTestDatabase({ migrate: false });
    try {
      const handle = openDatabase(parseConfig({ FLEETPANE_DEMO: 'true', ...target.env }).database);
      const { migrationDirectories } = await listMigrations();
      expect(await applyMigrations(handle.adapter)).toEqual(migrationDirectories.map((m) => m.path));
      expect(await applyMigrations(handle.adapter)).toEqual([]);
      await handle.close();
    } finally {
      await target.drop();
    }
  });

  it('finds no drift between prisma/schema.prisma and the migration history', async () => {
    expect(await diffMigrationsToSchema(new PrismaPGlite(new PGlite()))).toBe('');
  });
});
