import { DeleteDBInstanceCommand, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { startWave as startWaveThrowing } from '@/lib/server/operations/waves';
import { requireEmulator, testRds } from '../support/aws';
import { outcomeOf } from '../support/outcome';

const startWave = outcomeOf(startWaveThrowing);

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
let user: { id: string; email: string };

describe('waves', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    await seedDemoAws(buildDemoFleet());
    await collectFleet();
    user = (await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } })) as {
      id: string;
      email: string;
    };
  });

  it('backs up every Standard chain: a canary alone first, then batches, and reports per chain', async () => {
    const r = await startWave(user, { type: 'backup', tier: 'standard', batchSize: 2 });
    if (!r.ok) throw new Error(r.issues.join('; '));
    await drainOperations('test-worker');
    const wave = await db.wave.findUniqueOrThrow({ where: { id: r.wave.id } });
    expect(wave.status).toBe('succeeded');
    const ops = await db.operation.findMany({
      where: { waveId: wave.id },
      select: { status: true, createdAt: true, finishedAt: true, chain: { select: { slug: true } } },
      orderBy: { createdAt: 'asc' },
    });
    expect(ops.map((o) => o.chain.slug).sort()).toEqual([...wave.chains].sort());
    expect(ops.every((o) => o.status === 'succeeded')).toBe(true);
    // Nothing else started before the canary finished.
    const [canary, ...rest] = ops;
    expect(canary!.chain.slug).toBe(wave.chains[0]);
    expect(rest.every((o) => o.createdAt >= canary!.finishedAt!)).toBe(true);
  });

  it('stops by itself when one chain fails, and leaves the rest untouched', async () => {
    // One Enterprise chain's database disappears behind our back: its scale-up fails.
    await testRds('eu-west-1').send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'fp-le-petit-bistro',
        DeletionProtection: false,
        ApplyImmediately: true,
      }),
    );
    await testRds('eu-west-1').send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'fp-le-petit-bistro', SkipFinalSnapshot: true }),
    );
    const r = await startWave(user, {
      type: 'scale-database',
      params: { instanceClass: 'db.r6g.xlarge' },
      chains: ['burger-barn', 'le-petit-bistro', 'pizza-piazza', 'noodle-nest'],
      batchSize: 1,
    });
    if (!r.ok) throw new Error(r.issues.join('; '));
    await drainOperations('test-worker');
    const wave = await db.wave.findUniqueOrThrow({ where: { id: r.wave.id } });
    expect(wave.status).toBe('stopped');
    expect(wave.error).toContain('le-petit-bistro failed');
    const touched = (
      await db.operation.findMany({ where: { waveId: wave.id }, select: { chain: { select: { slug: true } } } })
    )
      .map((o) => o.chain.slug)
      .sort();
    expect(touched).toEqual(['burger-barn', 'le-petit-bistro']);
  });

  it('leaves shared-instance chains out of a database wave, naming them', async () => {
    const r = await startWave(user, { type: 'reboot', tier: 'starter' });
    expect(r.ok && r.wave.skipped).toEqual(expect.arrayContaining(['bagel-bros', 'curry-house']));
    await drainOperations('test-worker');
  });
});
