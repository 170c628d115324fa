import { beforeAll, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { ingestCostsIfDue } from '@/lib/server/finance/ingest-schedule';
import { requireEmulator } from '../support/aws';

beforeAll(async () => {
  requireEmulator();
  await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
});

it('runs again after a run that was cut short, and not after one that finished', async () => {
  const now = new Date();
  // A run started tonight by a process that was stopped before it finished.
  await db.costIngestRun.create({ data: { startedAt: new Date(now.getTime() - 60_000) } });
  expect(await ingestCostsIfDue(now)).not.toBeNull();
  expect(await ingestCostsIfDue(now)).toBeNull();
});
