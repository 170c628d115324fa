import { DescribeDBSnapshotsCommand } from '@aws-sdk/client-rds';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { snapshotIdFor } from '@/lib/server/operations/kernel/shared-steps';
import {
  recordOperation as recordOperationThrowing,
  operationChainSelect,
} from '@/lib/server/operations/record-operation';
import { requireEmulator, testRds } from '../support/aws';
import { outcomeOf } from '../support/outcome';
import { until as untilEvery, workerProcesses } from '../support/worker-process';

const recordOperation = outcomeOf(recordOperationThrowing);

// A worker process is killed (SIGKILL) in the middle of an operation; a new one resumes it. Worker
// processes need a PostgreSQL server: with the embedded database (one process only) this is skipped.
const server = !!process.env.DATABASE_URL;
const workers = workerProcesses();
const worker = (env: Record<string, string>) => workers.start({ FLEETPANE_OPERATION_CLAIM_MS: '3000', ...env });
const until = <T>(check: () => Promise<T | null | undefined | false>, ms?: number) => untilEvery(check, ms, 100);

describe.skipIf(!server)('a worker killed mid-operation', () => {
  beforeAll(async () => {
    requireEmulator();
    const fleet = buildDemoFleet();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
  });
  afterAll(() => {
    workers.killAll();
  });

  it('is resumed by the next worker, without a second snapshot', async () => {
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: 'green-bowl' }, select: operationChainSelect });
    const user = await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } });
    const r = await recordOperation(chain, user, {
      body: { type: 'backup', params: {} },
      idempotencyKey: randomUUID(),
    });
    if (!r.ok) throw new Error(r.message);

    const first = worker({ FLEETPANE_OPERATION_STEP_PAUSE_MS: '5000' });
    // The snapshot was taken (step 0 done); the worker now pauses before waiting for it: kill it there.
    await until(() =>
      db.operationStep.findFirst({ where: { operationId: r.operation.id, position: 0, status: 'succeeded' } }),
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('running');

    worker({});
    const done = await until(async () => {
      const op = await db.operation.findUniqueOrThrow({
        where: { id: r.operation.id },
        select: { status: true, attempts: true },
      });
      return op.status === 'succeeded' || op.status === 'failed' ? op : null;
    });
    expect(done).toEqual({ status: 'succeeded', attempts: 2 });
    const steps = await db.operationStep.findMany({
      where: { operationId: r.operation.id },
      orderBy: { position: 'asc' },
      select: { status: true },
    });
    expect(steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    const snaps =
      (
        await testRds('eu-west-1').send(
          new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'fp-green-bowl', SnapshotType: 'manual' }),
        )
      ).DBSnapshots ?? [];
    expect(snaps.filter((s) => s.DBSnapshotIdentifier === snapshotIdFor('green-bowl', r.operation.id))).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: 'operation.succeeded:backup', chainId: chain.id } })).toBe(1);
  });
});
