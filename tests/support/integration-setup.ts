// Before each integration test file: its own migrated database, a clean emulator, a fresh client.
import { afterAll } from 'vitest';
import { applyEnv, createTestDatabase } from './test-database';

const globals = globalThis as unknown as { fleetpaneDb?: { $disconnect(): Promise<void> } };
delete globals.fleetpaneDb;
const database = await createTestDatabase();
applyEnv(database.env);
if (process.env.AWS_ENDPOINT_URL) {
  await fetch(`${process.env.AWS_ENDPOINT_URL}/moto-api/reset`, { method: 'POST' });
}

afterAll(async () => {
  await globals.fleetpaneDb?.$disconnect();
  delete globals.fleetpaneDb;
  await database.drop();
});
