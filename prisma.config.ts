// Prisma CLI configuration. Only `prisma generate` is run through the CLI here: the native migrate
// engine cannot be downloaded offline, so migrations go through scripts/db-migrate.ts (Wasm engine).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
