import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entry } from '@/lib/operations/catalog/entry';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { enqueue, sameParams } from '@/lib/server/operations/kernel/enqueue';
import { databaseLock, defineOperation } from '@/lib/server/operations/kernel/operation-module';
import type { DeployedChain, OperationRegistry } from '@/lib/server/operations/kernel/operation-module';
import { drain } from '@/lib/server/operations/kernel/runner';
import { operationChainSelect } from '@/lib/server/operations/record-operation';

// A type the product does not have, registered in a registry of its own and run through the kernel:
// adding a type is a catalog entry, a module and a test like this one.

const made: string[] = [];

const tallyEntry = entry({
  label: 'Tally',
  change: 'Counts to three.',
  downtime: 'None.',
  destructive: false,
  params: z.object({ failAt: z.number().int().optional() }).strict(),
  database: 'any',
  needsApproval: false,
  costChange: () => 'none',
});

const tally = defineOperation(tallyEntry, {
  check: (_chain, p) => (p.failAt === 0 ? ['params.failAt: the first step cannot fail'] : []),
  locks: (chain) => [databaseLock(chain)],
  steps: (p) =>
    [1, 2, 3].map((n) => ({
      name: `Count ${n}`,
      timeoutMs: 1_000,
      run: async () => {
        if (p.failAt === n) throw new Error(`${n} would not count`);
        made.push(`made ${n}`);
        return `counted ${n}`;
      },
      undo: async () => (made.push(`undid ${n}`), `uncounted ${n}`),
    })),
});

const registry: OperationRegistry = { tally };
const hooks = { registry };
let user: { id: string; email: string };
let chain: DeployedChain;

async function queue(params: { failAt?: number }, key = randomUUID()) {
  const bound = registry.tally!.bind(params);
  if (!bound.ok) throw bound.error;
  return enqueue({
    actor: user,
    idempotencyKey: key,
    sameRequest: (e) =>
      e.type === 'tally' && e.chainSlug === chain.slug && sameParams(e.params, bound.operation.params),
    prepare: async () => {
      const issues = await bound.operation.check(chain);
      if (issues.length) return { issues };
      return {
        issues,
        item: {
          type: 'tally',
          params: bound.operation.params,
          locks: bound.operation.locks(chain),
          needsApproval: false,
          chain: { id: chain.id, slug: chain.slug },
        },
      };
    },
  });
}

const stepsOf = async (id: string) =>
  (
    await db.operationStep.findMany({
      where: { operationId: id },
      select: { name: true, status: true },
      orderBy: { position: 'asc' },
    })
  ).map((s) => `${s.name}: ${s.status}`);

describe('the operation kernel with a test-only type', () => {
  beforeAll(async () => {
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    user = await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } });
    const row = await db.chain.findUniqueOrThrow({ where: { slug: 'burger-barn' }, select: operationChainSelect });
    chain = { ...row, deployment: row.deployment! };
  });

  it('queues it with its lock and its audit event, replays its key, and runs its steps in order', async () => {
    const key = randomUUID();
    const first = await queue({}, key);
    expect(first.created).toBe(true);
    expect(await queue({}, key)).toEqual({ created: false, operation: first.operation });
    await expect(queue({ failAt: 2 }, key)).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.instanceLock.count({ where: { operationId: first.operation.id } })).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { action: 'operation.requested:tally', detail: { path: ['operationId'], equals: first.operation.id } },
      }),
    ).toBe(1);

    made.length = 0;
    expect(await drain('kernel-test', hooks)).toBe(1);
    expect(made).toEqual(['made 1', 'made 2', 'made 3']);
    const op = await db.operation.findUniqueOrThrow({ where: { id: first.operation.id } });
    expect(op.status).toBe('succeeded');
    expect(await stepsOf(op.id)).toEqual(['Count 1: succeeded', 'Count 2: succeeded', 'Count 3: succeeded']);
    expect(await db.instanceLock.count({ where: { operationId: op.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'operation.succeeded:tally', chainId: chain.id } })).toBe(1);
  });

  it("refuses what its module's check refuses, and rolls back newest first when a step fails", async () => {
    await expect(queue({ failAt: 0 })).rejects.toMatchObject({
      code: 'bad-request',
      issues: ['params.failAt: the first step cannot fail'],
    });
    const r = await queue({ failAt: 3 });
    made.length = 0;
    await drain('kernel-test', hooks);
    expect(made).toEqual(['made 1', 'made 2', 'undid 3', 'undid 2', 'undid 1']);
    const op = await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } });
    expect(op.status).toBe('rolled_back');
    expect(op.error).toContain('3 would not count; everything it made was removed');
  });

  it('holds one resource for one operation at a time', async () => {
    await queue({});
    await expect(queue({})).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is busy') });
    await drain('kernel-test', hooks);
  });

  it('fails an operation whose type the registry does not know, instead of guessing', async () => {
    const r = await queue({});
    expect(await drain('kernel-test', { registry: {} })).toBe(1);
    const op = await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } });
    expect(op).toMatchObject({ status: 'failed', error: expect.stringContaining('not valid any more') });
  });
});
