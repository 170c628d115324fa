import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-rds';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { claimOperation } from '@/lib/server/operations/kernel/claim';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { approveOperation as approveOperationThrowing } from '@/lib/server/operations/approve-operation';
import { cancelOperation as cancelOperationThrowing } from '@/lib/server/operations/cancel-operation';
import {
  finalSnapshotIdFor,
  retiredSnapshotIdFor,
  restoredInstanceFor,
  snapshotIdFor,
} from '@/lib/server/operations/kernel/shared-steps';
import {
  recordOperation as recordOperationThrowing,
  operationChainSelect,
} from '@/lib/server/operations/record-operation';
import { requireEmulator, testRds } from '../support/aws';
import { outcomeOf } from '../support/outcome';

const recordOperation = outcomeOf(recordOperationThrowing);
const approveOperation = outcomeOf(approveOperationThrowing);
const cancelOperation = outcomeOf(cancelOperationThrowing);

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
const fleet = buildDemoFleet();
let user: { id: string; email: string };

async function chainOf(slug: string) {
  return db.chain.findUniqueOrThrow({
    where: { slug },
    select: operationChainSelect,
  });
}

async function request(slug: string, type: string, params: object = {}, key = randomUUID()) {
  return recordOperation(await chainOf(slug), user, { body: { type, params }, idempotencyKey: key });
}

async function run(slug: string, type: string, params: object = {}) {
  const r = await request(slug, type, params);
  if (!r.ok) throw new Error(r.message);
  await drainOperations('test-worker');
  return db.operation.findUniqueOrThrow({
    where: { id: r.operation.id },
    select: { id: true, status: true, error: true, steps: { select: { status: true } } },
  });
}

const describeDb = async (region: string, id: string) =>
  (await testRds(region).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0]!;

describe('operations against the emulator', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
    await collectFleet();
    user = (await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } })) as {
      id: string;
      email: string;
    };
  });

  it('backs up: a tagged snapshot exists afterwards, and the audit log holds the request and the result', async () => {
    const op = await run('sushi-wave', 'backup');
    expect(op).toMatchObject({ status: 'succeeded', error: null });
    const snap = (
      await testRds('sa-east-1').send(
        new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotIdFor('sushi-wave', op.id) }),
      )
    ).DBSnapshots![0]!;
    expect(snap).toMatchObject({ DBInstanceIdentifier: 'fp-sushi-wave', Status: 'available' });
    expect(snap.TagList).toContainEqual({ Key: 'fleetpane:chain', Value: 'sushi-wave' });
    const actions = (
      await db.auditEvent.findMany({ where: { chain: { slug: 'sushi-wave' } }, select: { action: true } })
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['operation.requested:backup', 'operation.succeeded:backup']));
  });

  it('scales the database, grows storage and toggles Multi-AZ on one chain only', async () => {
    const neighbour = await describeDb('sa-east-1', 'fp-taco-tierra');
    expect((await run('sushi-wave', 'scale-database', { instanceClass: 'db.r6g.large' })).status).toBe('succeeded');
    expect((await run('sushi-wave', 'grow-storage', { allocatedStorageGb: 150 })).status).toBe('succeeded');
    expect((await run('sushi-wave', 'enable-multi-az')).status).toBe('succeeded');
    expect(await describeDb('sa-east-1', 'fp-sushi-wave')).toMatchObject({
      DBInstanceClass: 'db.r6g.large',
      AllocatedStorage: 150,
      MultiAZ: true,
    });
    expect((await run('sushi-wave', 'disable-multi-az')).status).toBe('succeeded');
    expect((await describeDb('sa-east-1', 'fp-sushi-wave')).MultiAZ).toBe(false);
    expect((await run('sushi-wave', 'reboot')).status).toBe('succeeded');
    // Nothing of another chain changed, not even the one in the same account and region.
    const after = await describeDb('sa-east-1', 'fp-taco-tierra');
    expect([after.DBInstanceClass, after.AllocatedStorage, after.MultiAZ]).toEqual([
      neighbour.DBInstanceClass,
      neighbour.AllocatedStorage,
      neighbour.MultiAZ,
    ]);
  });

  it('scales the app instance: stopped, changed, running again', async () => {
    expect((await run('green-bowl', 'scale-app', { instanceType: 'm6i.large' })).status).toBe('succeeded');
    const id = (await chainOf('green-bowl')).deployment!.appInstanceId!;
    const i = (
      await new EC2Client({ region: 'eu-west-1', maxAttempts: 1 }).send(
        new DescribeInstancesCommand({ InstanceIds: [id] }),
      )
    ).Reservations![0]!.Instances![0]!;
    expect([i.InstanceType, i.State?.Name]).toEqual(['m6i.large', 'running']);
  });

  it('makes twenty concurrent identical requests one operation', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => request('burger-barn', 'backup', {}, key)));
    const ids = new Set(results.map((r) => (r.ok ? r.operation.id : r.message)));
    expect(ids.size).toBe(1);
    expect(await db.operation.count({ where: { chain: { slug: 'burger-barn' } } })).toBe(1);
    await drainOperations('test-worker');
    // Parameters come back from the database with their keys reordered: still the same request.
    const growKey = randomUUID();
    const a = await request(
      'burger-barn',
      'grow-storage',
      { allocatedStorageGb: 600, applyImmediately: true },
      growKey,
    );
    const b = await request(
      'burger-barn',
      'grow-storage',
      { allocatedStorageGb: 600, applyImmediately: true },
      growKey,
    );
    expect(a.ok && b.ok && a.operation.id === b.operation.id).toBe(true);
    await drainOperations('test-worker');
  });

  it('refuses a second operation on a busy instance, naming the running one; and a reused key for another request', async () => {
    const first = await request('burger-barn', 'reboot');
    expect(first.ok).toBe(true);
    const second = await request('burger-barn', 'enable-multi-az');
    expect(second).toMatchObject({ ok: false, status: 409 });
    expect(!second.ok && second.message).toContain(first.ok ? first.operation.id : '');
    await drainOperations('test-worker');
    const key = randomUUID();
    expect((await request('burger-barn', 'backup', {}, key)).ok).toBe(true);
    expect(await request('burger-barn', 'reboot', {}, key)).toMatchObject({ ok: false, status: 409 });
    await drainOperations('test-worker');
  });

  it('names every problem of a bad request and refuses database operations on a shared instance', async () => {
    const bad = await recordOperation(await chainOf('burger-barn'), user, {
      body: { type: 'scale-database', params: { instanceClass: 'huge', extra: 1 } },
      idempotencyKey: 'x',
    });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(!bad.ok && bad.issues?.length).toBeGreaterThanOrEqual(3);
    const shared = await request('bagel-bros', 'reboot');
    expect(shared).toMatchObject({ ok: false, status: 400 });
    expect(!shared.ok && shared.message).toContain('shared instance');
  });

  it('resumes an operation whose worker died: nothing is sent twice', async () => {
    // A worker claimed a backup and sent the snapshot request, then died before recording it.
    const r = await request('smoky-bbq', 'backup');
    if (!r.ok) throw new Error(r.message);
    expect(await claimOperation('dead-worker')).toBe(r.operation.id);
    await db.operationStep.create({
      data: { operationId: r.operation.id, position: 0, name: 'Take a snapshot', status: 'running' },
    });
    await drainOperations('second-worker'); // the claim still holds: nothing to take
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('running');
    await db.operation.update({ where: { id: r.operation.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    await drainOperations('second-worker');
    const op = await db.operation.findUniqueOrThrow({
      where: { id: r.operation.id },
      select: { status: true, attempts: true },
    });
    expect(op).toEqual({ status: 'succeeded', attempts: 2 });
    const snaps =
      (
        await testRds('us-east-1').send(
          new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'fp-smoky-bbq', SnapshotType: 'manual' }),
        )
      ).DBSnapshots ?? [];
    expect(snaps.filter((s) => s.DBSnapshotIdentifier === snapshotIdFor('smoky-bbq', r.operation.id))).toHaveLength(1);
  });

  it('retakes its own run whose claim ran out once it no longer runs it (a worker alone resumes after a database outage)', async () => {
    const r = await request('taco-tierra', 'backup');
    if (!r.ok) throw new Error(r.message);
    expect(await claimOperation('lone-worker')).toBe(r.operation.id);
    await db.operation.update({ where: { id: r.operation.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    // Still running in this worker (its renewal was late): not taken a second time.
    expect(await claimOperation('lone-worker', [r.operation.id])).toBeNull();
    // Its run ended without finishing (the database went away mid-step): the same worker takes it again.
    expect(await claimOperation('lone-worker')).toBe(r.operation.id);
    await db.operation.update({ where: { id: r.operation.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    await drainOperations('lone-worker');
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('succeeded');
  });

  it('cancels a decommission nobody should approve, and frees the chain for other operations', async () => {
    const r = await request('green-bowl', 'decommission', { confirm: 'green-bowl' });
    if (!r.ok) throw new Error(r.message);
    expect(await request('green-bowl', 'backup')).toMatchObject({ ok: false, status: 409 });
    expect(await cancelOperation(r.operation.id, user)).toMatchObject({ ok: true });
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('failed');
    expect((await request('green-bowl', 'backup')).ok).toBe(true);
    await drainOperations('test-worker');
  });

  it('decommissions only after a second person approves: final snapshot, then nothing left but history', async () => {
    expect(await request('falafel-factory', 'decommission', { confirm: 'falafel' })).toMatchObject({
      ok: false,
      status: 400,
    });
    const r = await request('falafel-factory', 'decommission', { confirm: 'falafel-factory' });
    if (!r.ok) throw new Error(r.message);
    await drainOperations('test-worker');
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('queued'); // not before approval
    expect(await approveOperation(r.operation.id, user)).toMatchObject({ ok: false, status: 403 }); // not by the requester
    const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' }, select: { id: true, email: true } });
    expect(await approveOperation(r.operation.id, admin)).toMatchObject({ ok: true });
    await drainOperations('test-worker');
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('succeeded');

    await expect(describeDb('us-east-1', 'fp-falafel-factory')).rejects.toThrow();
    const final = await testRds('us-east-1').send(
      new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: finalSnapshotIdFor('falafel-factory', r.operation.id) }),
    );
    expect(final.DBSnapshots?.[0]?.Status).toBe('available');
    const appId = (await chainOf('falafel-factory')).deployment!.appInstanceId!;
    const app = (
      await new EC2Client({ region: 'us-east-1', maxAttempts: 1 }).send(
        new DescribeInstancesCommand({ InstanceIds: [appId] }),
      )
    ).Reservations![0]!.Instances![0]!;
    expect(app.State?.Name).toBe('terminated');
    expect((await db.chain.findUniqueOrThrow({ where: { slug: 'falafel-factory' } })).decommissionedAt).not.toBeNull();
    // The neighbour in the same account and region is untouched.
    expect((await describeDb('us-east-1', 'fp-sunny-side-diner')).DBInstanceStatus).toBe('available');
    const actions = (
      await db.auditEvent.findMany({
        where: { chain: { slug: 'falafel-factory' } },
        select: { action: true, result: true },
      })
    ).map((a) => `${a.action}/${a.result}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'operation.requested:decommission/ok',
        'operation.approve:decommission/denied',
        'operation.approved:decommission/ok',
        'operation.succeeded:decommission/ok',
      ]),
    );
  });

  it('restores a snapshot to a new instance, then cuts the chain over and keeps the old one', async () => {
    const backup = await run('le-petit-bistro', 'backup');
    const snapshotId = snapshotIdFor('le-petit-bistro', backup.id);
    // Isolation: another chain cannot restore this chain's snapshot; a snapshot that does not exist is refused
    // too. Both at once (400), while AWS answers; the step checks again when it runs.
    const stolen = await request('green-bowl', 'restore', { snapshotId });
    expect(stolen).toMatchObject({ ok: false, status: 400 });
    expect(!stolen.ok && stolen.message).toMatch(
      /snapshotId: snapshot .* is of fp-le-petit-bistro, not of green-bowl: refused/,
    );
    const missing = await request('le-petit-bistro', 'restore', { snapshotId: 'no-such-snapshot' });
    expect(missing).toMatchObject({ ok: false, status: 400 });
    expect(!missing.ok && missing.message).toContain("no snapshot no-such-snapshot in this chain's account and region");
    const restore = await run('le-petit-bistro', 'restore', { snapshotId });
    expect(restore).toMatchObject({ status: 'succeeded', error: null });
    const target = restoredInstanceFor('fp-le-petit-bistro', restore.id);
    const restored = await describeDb('eu-west-1', target);
    expect(restored.DBInstanceStatus).toBe('available');
    const tags = (
      await testRds('eu-west-1').send(new ListTagsForResourceCommand({ ResourceName: restored.DBInstanceArn! }))
    ).TagList;
    expect(tags).toContainEqual({ Key: 'fleetpane:chain', Value: 'le-petit-bistro' });
    // Until the cut-over, the chain still uses its own instance.
    expect((await chainOf('le-petit-bistro')).deployment!.dbInstanceIdentifier).toBe('fp-le-petit-bistro');

    expect(await request('le-petit-bistro', 'cut-over', { restoreOperationId: backup.id })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect((await run('le-petit-bistro', 'cut-over', { restoreOperationId: restore.id })).status).toBe('succeeded');
    expect((await chainOf('le-petit-bistro')).deployment!.dbInstanceIdentifier).toBe(target);
    const old = await describeDb('eu-west-1', 'fp-le-petit-bistro');
    const oldTags = (
      await testRds('eu-west-1').send(new ListTagsForResourceCommand({ ResourceName: old.DBInstanceArn! }))
    ).TagList;
    expect(oldTags).toContainEqual({ Key: 'fleetpane:replaced-by', Value: target });

    // The old instance is kept, and remembered, until it is retired; not before, the chain cannot be decommissioned.
    expect(
      await db.replacedDbInstance.findMany({
        where: { chain: { slug: 'le-petit-bistro' } },
        select: { dbInstanceIdentifier: true, replacedBy: true, retiredAt: true },
      }),
    ).toEqual([{ dbInstanceIdentifier: 'fp-le-petit-bistro', replacedBy: target, retiredAt: null }]);
    const blocked = await request('le-petit-bistro', 'decommission', { confirm: 'le-petit-bistro' });
    expect(blocked).toMatchObject({ ok: false, status: 400 });
    expect(JSON.stringify(blocked)).toContain('fp-le-petit-bistro');
    // Only an instance the chain was cut over from, never its current one or another chain's, and with the slug typed.
    expect(
      await request('le-petit-bistro', 'retire-instance', { instance: target, confirm: 'le-petit-bistro' }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      await request('le-petit-bistro', 'retire-instance', { instance: 'fp-green-bowl', confirm: 'le-petit-bistro' }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      await request('le-petit-bistro', 'retire-instance', { instance: 'fp-le-petit-bistro', confirm: 'le-petit' }),
    ).toMatchObject({ ok: false, status: 400 });

    const retire = await run('le-petit-bistro', 'retire-instance', {
      instance: 'fp-le-petit-bistro',
      confirm: 'le-petit-bistro',
    });
    expect(retire).toMatchObject({ status: 'succeeded', error: null });
    await expect(describeDb('eu-west-1', 'fp-le-petit-bistro')).rejects.toThrow();
    expect((await describeDb('eu-west-1', target)).DBInstanceStatus).toBe('available');
    const kept = await testRds('eu-west-1').send(
      new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: retiredSnapshotIdFor('le-petit-bistro', retire.id) }),
    );
    expect(kept.DBSnapshots?.[0]).toMatchObject({ Status: 'available', DBInstanceIdentifier: 'fp-le-petit-bistro' });
    expect(
      (await db.replacedDbInstance.findFirstOrThrow({ where: { chain: { slug: 'le-petit-bistro' } } }))
        .retireOperationId,
    ).toBe(retire.id);
    expect(
      await request('le-petit-bistro', 'retire-instance', {
        instance: 'fp-le-petit-bistro',
        confirm: 'le-petit-bistro',
      }),
    ).toMatchObject({ ok: false, status: 400 });
    expect((await describeDb('eu-west-1', 'fp-green-bowl')).DBInstanceStatus).toBe('available');
    const actions = (
      await db.auditEvent.findMany({ where: { chain: { slug: 'le-petit-bistro' } }, select: { action: true } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['operation.requested:retire-instance', 'operation.succeeded:retire-instance']),
    );

    // A kept instance someone deleted by hand is recorded retired all the same (else it would block a decommission for ever).
    const chainId = (await chainOf('le-petit-bistro')).id;
    await db.replacedDbInstance.create({
      data: {
        chainId,
        dbInstanceIdentifier: 'fp-le-petit-bistro-gone',
        replacedBy: target,
        cutOverOperationId: randomUUID(),
      },
    });
    const gone = await run('le-petit-bistro', 'retire-instance', {
      instance: 'fp-le-petit-bistro-gone',
      confirm: 'le-petit-bistro',
    });
    expect(gone).toMatchObject({ status: 'succeeded', error: null });
    expect(
      (await db.replacedDbInstance.findFirstOrThrow({ where: { dbInstanceIdentifier: 'fp-le-petit-bistro-gone' } }))
        .retiredAt,
    ).not.toBeNull();
  });
});
