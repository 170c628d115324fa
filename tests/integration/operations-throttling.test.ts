import { DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { snapshotIdFor } from '@/lib/server/operations/kernel/shared-steps';
import {
  recordOperation as recordOperationThrowing,
  operationChainSelect,
} from '@/lib/server/operations/record-operation';
import { startFaultProxy } from '../../scripts/lib/fault-proxy';
import { requireEmulator, testRds } from '../support/aws';
import { outcomeOf } from '../support/outcome';

const recordOperation = outcomeOf(recordOperationThrowing);

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

beforeAll(async () => {
  const emulator = requireEmulator();
  // The app's clients go through a proxy that throttles the first two snapshot requests.
  proxy = await startFaultProxy({
    target: emulator,
    port: 4579,
    deniedAccounts: [],
    throttle: { action: 'CreateDBSnapshot', times: 2 },
  });
  process.env.AWS_ENDPOINT_URL = proxy.url;
  const fleet = buildDemoFleet();
  await seedDemoDb(fleet, { historyDays: 0.05 });
  await seedDemoAws(fleet);
  await collectFleet();
});

afterAll(() => proxy.close());

it('retries throttled calls with backoff and succeeds, with one snapshot', async () => {
  const chain = await db.chain.findUniqueOrThrow({ where: { slug: 'sushi-wave' }, select: operationChainSelect });
  const user = await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } });
  const r = await recordOperation(chain, user, { body: { type: 'backup', params: {} }, idempotencyKey: randomUUID() });
  if (!r.ok) throw new Error(r.message);
  await drainOperations('throttled-worker');
  expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('succeeded');
  expect(proxy.seen('CreateDBSnapshot')).toBe(3);
  const snaps = await testRds('sa-east-1').send(
    new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotIdFor('sushi-wave', r.operation.id) }),
  );
  expect(snaps.DBSnapshots).toHaveLength(1);
});
