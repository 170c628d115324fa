import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as postRun } from '@/app/api/v1/checks/run/route';
import { GET as getChainChecks } from '@/app/api/v1/chains/[slug]/checks/route';
import type { SessionUser } from '@/lib/server/auth/session';
import { findCheckTile } from '@/lib/server/checks/find-checks';
import { db } from '@/lib/server/db/client';
import { runNightlyCheck } from '@/lib/server/checks/run-nightly-check';
import type { CheckRunSummary } from '@/lib/server/checks/run-nightly-check';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { DEMO_DRIFTED, seedDemoFlags } from '@/lib/server/demo/seed-demo-flags';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { checkFlagDrift } from '@/lib/server/flags/check-flag-drift';
import { drain } from '@/lib/server/operations/kernel/runner';
import type { OperationRegistry } from '@/lib/server/operations/kernel/operation-module';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { drillKey, queueRestoreDrill } from '@/lib/server/operations/queue-restore-drill';
import { operationChainSelect } from '@/lib/server/operations/record-operation';
import { operationRegistry } from '@/lib/server/operations/types';
import { requireEmulator, testRds } from '../support/aws';

// The nightly check on the seeded demo fleet against the emulator: what it flags, the restore drill it queues
// and runs through the real kernel (leaving no instance behind, even when a step after the restore fails), and
// the summaries it queues.

const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
const fleet = buildDemoFleet();

const itemOf = (run: CheckRunSummary, slug: string, check: string) =>
  run.chains.find((c) => c.slug === slug)?.items.find((i) => i.check === check);

const drillInstances = async (region: string) =>
  ((await testRds(region).send(new DescribeDBInstancesCommand({}))).DBInstances ?? [])
    .map((i) => i.DBInstanceIdentifier!)
    .filter((id) => id.includes('-drill-'));

const chainOf = (slug: string) => db.chain.findUniqueOrThrow({ where: { slug }, select: operationChainSelect });

describe('the nightly check', () => {
  let first: CheckRunSummary;
  let firstMs: number;
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
    await seedDemoFlags({ aws: true });
    await collectFleet();
    await checkFlagDrift();
    const started = Date.now();
    first = await runNightlyCheck({ trigger: 'manual' });
    firstMs = Date.now() - started;
    console.log(`check over ${first.chains.length} demo chains: ${firstMs} ms`);
  });

  it('flags the chain without backups and the drifted chain; a good chain is ok', async () => {
    expect(itemOf(first, 'sunny-side-diner', 'backup')).toMatchObject({ status: 'fail' });
    expect(itemOf(first, 'sunny-side-diner', 'backup')?.detail).toMatch(/no usable snapshot/);
    expect(first.chains.find((c) => c.slug === 'sunny-side-diner')?.status).toBe('fail');
    expect(itemOf(first, DEMO_DRIFTED.slug, 'flags')).toMatchObject({ status: 'fail' });
    expect(itemOf(first, DEMO_DRIFTED.slug, 'flags')?.detail).toContain(DEMO_DRIFTED.key);
    const good = itemOf(first, 'burger-barn', 'backup');
    expect(good).toMatchObject({ status: 'ok' });
    expect(itemOf(first, 'burger-barn', 'flags')).toMatchObject({ status: 'ok' });
    expect(itemOf(first, 'burger-barn', 'account-manager')).toMatchObject({ status: 'ok' });
    // A manual run queues no drill: it says one is due.
    expect(itemOf(first, 'burger-barn', 'restore-drill')).toMatchObject({ status: 'warn' });
    expect(first.drillsQueued).toBe(0);
    const stored = await db.chainCheck.count({ where: { runId: first.id } });
    expect(stored).toBe(first.chains.length);
    expect(await db.auditEvent.count({ where: { action: 'checks.run' } })).toBe(1);
  });

  it('runs a restore drill through the kernel: restoreSeconds recorded, no drill instance afterwards', async () => {
    const chain = await chainOf('burger-barn');
    const q = await queueRestoreDrill(chain, new Date());
    if ('busy' in q) throw new Error(q.busy);
    const op0 = await db.operation.findUniqueOrThrow({
      where: { id: q.operation.id },
      select: { requestedById: true },
    });
    expect(op0.requestedById).toBeNull();
    const started = Date.now();
    await drainOperations('test-worker');
    console.log(`drill against the emulator: ${Date.now() - started} ms`);
    const op = await db.operation.findUniqueOrThrow({
      where: { id: q.operation.id },
      select: { status: true, error: true, result: true, steps: { select: { name: true, detail: true } } },
    });
    expect(op.error).toBeNull();
    expect(op.status).toBe('succeeded');
    expect(op.result).toMatchObject({ instance: 'fp-burger-barn', snapshotId: expect.any(String) });
    expect(typeof (op.result as { restoreSeconds: unknown }).restoreSeconds).toBe('number');
    expect(op.steps.find((s) => s.name === 'Check the engine')?.detail).toMatch(/skipped: the emulator/);
    expect(await drillInstances('us-east-1')).toEqual([]);
    const run = await runNightlyCheck({ trigger: 'schedule', chainSlugs: ['burger-barn'] });
    expect(itemOf(run, 'burger-barn', 'restore-drill')).toMatchObject({
      status: 'ok',
      evidence: { operationId: q.operation.id, restoreSeconds: expect.any(Number) },
    });
  });

  it('leaves no instance when a step after the restore fails', async () => {
    const failing: OperationRegistry = {
      ...operationRegistry,
      'restore-drill': {
        ...operationRegistry['restore-drill'],
        bind: (raw) => {
          const b = operationRegistry['restore-drill'].bind(raw);
          if (!b.ok) return b;
          const steps: typeof b.operation.steps = (ctx) =>
            b.operation.steps(ctx).map((s) =>
              s.name === 'Check the engine'
                ? {
                    ...s,
                    run: async () => {
                      throw new Error('injected engine failure');
                    },
                  }
                : s,
            );
          return { ok: true, operation: { ...b.operation, steps } };
        },
      },
    };
    const q = await queueRestoreDrill(await chainOf('noodle-nest'), new Date());
    if ('busy' in q) throw new Error(q.busy);
    await drain('test-worker', { registry: failing });
    const op = await db.operation.findUniqueOrThrow({
      where: { id: q.operation.id },
      select: { status: true, error: true },
    });
    expect(op.status).toBe('rolled_back');
    expect(op.error).toContain('injected engine failure');
    const region = fleet.chains.find((c) => c.slug === 'noodle-nest')!.region;
    expect(await drillInstances(region)).toEqual([]);
    const run = await runNightlyCheck({ trigger: 'manual', chainSlugs: ['noodle-nest'] });
    expect(itemOf(run, 'noodle-nest', 'restore-drill')).toMatchObject({ status: 'fail' });
    expect(itemOf(run, 'noodle-nest', 'restore-drill')?.detail).toContain('injected engine failure');
  });

  it('queues at most one drill per chain per ISO week, however often the scheduled check runs', async () => {
    const slug = 'green-bowl';
    const chain = await db.chain.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const monday = new Date('2026-12-07T03:00:00Z');
    await runNightlyCheck({ trigger: 'schedule', chainSlugs: [slug], now: monday });
    await runNightlyCheck({ trigger: 'schedule', chainSlugs: [slug], now: new Date('2026-12-08T03:00:00Z') });
    const drills = await db.operation.findMany({
      where: { chainId: chain.id, type: 'restore-drill' },
      select: { idempotencyKey: true },
    });
    expect(drills).toEqual([{ idempotencyKey: `system:${drillKey(chain.id, monday)}` }]);
    expect(drillKey(chain.id, monday)).toBe(`restore-drill:${chain.id}:2026-W50`);
    await drainOperations('test-worker');
  });

  it("keeps the fleet tile on every chain after a run over a few (each chain's latest result)", async () => {
    await runNightlyCheck({ trigger: 'manual', chainSlugs: ['burger-barn'] });
    const tile = await findCheckTile();
    expect(tile!.chains).toBe(await db.chain.count({ where: { decommissionedAt: null } }));
    expect(tile!.fail).toBeGreaterThanOrEqual(2);
  });

  it('flags an inactive account manager and lists an old unused token', async () => {
    const am2 = await db.user.findUniqueOrThrow({ where: { email: 'am2@fleetpane.local' }, select: { id: true } });
    await db.user.update({ where: { id: am2.id }, data: { active: false } });
    const old = new Date(Date.now() - 100 * 86_400_000);
    await db.apiToken.create({
      data: { userId: am2.id, name: 'old-pipeline', prefix: 'fp_old', tokenHash: 'h-old', createdAt: old },
    });
    await db.apiToken.create({
      data: {
        userId: am2.id,
        name: 'fresh',
        prefix: 'fp_new',
        tokenHash: 'h-new',
        lastUsedAt: new Date(),
        createdAt: old,
      },
    });
    const run = await runNightlyCheck({ trigger: 'manual', chainSlugs: ['sushi-wave'] });
    expect(itemOf(run, 'sushi-wave', 'account-manager')).toMatchObject({ status: 'fail' });
    expect(run.fleetItems.map((i) => i.detail).join('\n')).toContain('"old-pipeline"');
    expect(run.fleetItems.map((i) => i.detail).join('\n')).not.toContain('"fresh"');
    await db.user.update({ where: { id: am2.id }, data: { active: true } });
  });

  it('queues one summary per account manager with their chains, and one for ops', async () => {
    await db.alertChannel.create({
      data: { name: 'ops-nightly', kind: 'email', emails: ['ops-team@example.com'], nightlySummary: true },
    });
    const run = await runNightlyCheck({ trigger: 'manual', notify: true });
    const mails = await db.notification.findMany({
      where: { dedupeKey: { startsWith: `check:${run.id}:` } },
      select: { dedupeKey: true, target: true, subject: true, body: true },
    });
    const ams = await db.user.findMany({ where: { role: 'account_manager' }, select: { id: true, email: true } });
    expect(mails.map((m) => m.dedupeKey).sort()).toEqual(
      [...ams.map((a) => `check:${run.id}:am:${a.id}`), `check:${run.id}:ops`].sort(),
    );
    const am = ams.find((a) => a.email === 'am@fleetpane.local')!;
    const amMail = mails.find((m) => m.dedupeKey.endsWith(am.id))!;
    expect(amMail.target).toBe('am@fleetpane.local');
    const text = (amMail.body as { text: string }).text;
    expect(text).toContain('sunny-side-diner'); // am's
    expect(text).not.toContain('sushi-wave'); // am2's
    const ops = mails.find((m) => m.dedupeKey.endsWith(':ops'))!;
    expect(ops.target).toBe('ops-team@example.com');
    expect((ops.body as { text: string }).text).toContain('sushi-wave');
    expect((ops.body as { html: string }).html).not.toMatch(/<script/);
  });

  it('runs on demand through the API for ops only, refusing an unknown chain or a bad body with 400', async () => {
    const userOf = async (email: string) =>
      (await db.user.findUniqueOrThrow({
        where: { email },
        select: { id: true, email: true, name: true, role: true },
      })) as unknown as SessionUser;
    const post = (body: string) =>
      postRun(
        new Request('http://fleetpane.test/api/v1/checks/run', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
        { params: Promise.resolve({}) },
      );
    caller.user = await userOf('am@fleetpane.local');
    expect((await post('{}')).status).toBe(403);
    caller.user = await userOf('ops@fleetpane.local');
    const unknown = await post(JSON.stringify({ chains: ['no-such-chain'] }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('no-such-chain');
    expect((await post(JSON.stringify({ chains: 'burger-barn' }))).status).toBe(400);
    expect((await post(JSON.stringify({ chains: ['burger-barn'], extra: 1 }))).status).toBe(400);
    const ok = await post(JSON.stringify({ chains: ['sunny-side-diner'] }));
    expect(ok.status).toBe(200);
    const { run } = (await ok.json()) as { run: CheckRunSummary };
    expect(run.chains.map((c) => [c.slug, c.status])).toEqual([['sunny-side-diner', 'fail']]);
    const read = await getChainChecks(new Request('http://fleetpane.test/api/v1/chains/burger-barn/checks'), {
      params: Promise.resolve({ slug: 'burger-barn' }),
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      chain: 'burger-barn',
      latest: { items: expect.any(Array) },
      lastDrill: { restoreSeconds: expect.any(Number) },
    });
  });
});
