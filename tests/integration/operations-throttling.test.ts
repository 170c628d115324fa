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
  // The app's clients go through a proxy that throttles the first six snapshot requests: more than the SDK's
  // own four tries, so the step tries again.
  proxy = await startFaultProxy({
    target: emulator,
    port: 4579,
    deniedAccounts: [],
    throttle: { action: 'CreateDBSnapshot', times: 6 },
  });
  process.env.AWS_ENDPOINT_URL = proxy.url;
  const fleet = buildDemoFleet();
  await seedDemoDb(fleet, { historyDays: 0.05 });
  await seedDemoAws(fleet);
  await collectFleet();
});

afterAll(() => proxy.close());

async function requestBackup(slug: string): Promise<string> {
  const chain = await db.chain.findUniqueOrThrow({ where: { slug }, select: operationChainSelect });
  const user = await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } });
  const r = await recordOperation(chain, user, { body: { type: 'backup', params: {} }, idempotencyKey: randomUUID() });
  if (!r.ok) throw new Error(r.message);
  return r.operation.id;
}

it("retries throttled calls, past the SDK's own tries, until the step succeeds, with one snapshot", async () => {
  const id = await requestBackup('sushi-wave');
  const notes: string[] = [];
  const watch = setInterval(() => {
    void db.operationStep
      .findMany({ where: { operationId: id, status: 'running' }, select: { detail: true } })
      .then((rows) => rows.forEach((r) => r.detail && notes.push(r.detail)));
  }, 100);
  await drainOperations('throttled-worker').finally(() => clearInterval(watch));
  const r = { operation: { id } };
  expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('succeeded');
  expect(proxy.seen('CreateDBSnapshot')).toBe(7);
  expect(notes.some((n) => /^waiting for AWS: throttled \(.*Rate exceeded.*\); retrying \(try 2\)$/.test(n))).toBe(
    true,
  );
  const snaps = await testRds('sa-east-1').send(
    new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotIdFor('sushi-wave', r.operation.id) }),
  );
  expect(snaps.DBSnapshots).toHaveLength(1);
});

it('runs operations side by side: a chain whose AWS hangs holds up no other chain', async () => {
  const hangMs = 8_000;
  await fetch(`${proxy.url}/__fault/hang`, {
    method: 'POST',
    body: JSON.stringify({ match: 'taco-tierra', ms: hangMs }),
  });
  const hangEnds = Date.now() + hangMs;
  const hung = await requestBackup('taco-tierra'); // queued first: a serial runner would take it first and wait
  const free = await requestBackup('sushi-wave');
  await drainOperations('parallel-worker');
  const [a, b] = await Promise.all(
    [hung, free].map((id) =>
      db.operation.findUniqueOrThrow({ where: { id }, select: { status: true, finishedAt: true } }),
    ),
  );
  expect([a!.status, b!.status]).toEqual(['succeeded', 'succeeded']);
  expect(b!.finishedAt!.getTime()).toBeLessThan(hangEnds);
  expect(a!.finishedAt!.getTime()).toBeGreaterThanOrEqual(hangEnds - 100);
});
