import 'server-only';
import { z } from 'zod';
import { AppError, invalid, zodIssues } from '@/lib/app-error';
import { chainSlugSchema } from '@/lib/chain-slug';
import { operationCatalog } from '@/lib/operations/catalog';
import type { WaveDto } from '@/lib/operations/dto';
import { waveTypes } from '@/lib/operations/operation-types';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import type { DeliverFlagParams } from '@/lib/operations/catalog/deliver-flag';
import { queueFlagDelivery } from '@/lib/server/flags/queue-flag-delivery';
import { operationChainSelect, recordOperation } from './record-operation';
import type { OperationChain } from './record-operation';

// Fleet actions: the same operation over many chains, a canary first, then batches, stopping by itself
// when one fails. The runner advances waves between operations; state lives in the database, so a
// restarted worker carries on. Which types can run in waves is the catalog's.

export const waveRequestSchema = z
  .object({
    type: z.enum(waveTypes, { error: `type is one of ${waveTypes.join(', ')}` }),
    params: z.record(z.string(), z.unknown()).default({}),
    tier: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .optional(),
    chains: z.array(chainSlugSchema).max(5_000).optional(),
    batchSize: z.number().int().min(1).max(100).default(5),
  })
  .strict()
  .refine((w) => !!w.tier !== !!w.chains, 'give either tier or chains');

/** Starts a wave (the caller is authorized to request operations); a bad request is a 400 naming every problem. */
export async function startWave(
  user: Actor,
  body: unknown,
): Promise<{ wave: { id: string; chains: number; skipped: string[] } }> {
  const parsed = waveRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, { root: 'body' }));
  const w = parsed.data;
  const entry = operationCatalog[w.type];
  const params = entry.params.safeParse(w.params);
  if (!params.success) throw invalid(zodIssues(params.error, { prefix: 'params' }));
  const rows = await db.chain.findMany({
    where: { decommissionedAt: null, ...(w.tier ? { tier: { key: w.tier } } : { slug: { in: w.chains } }) },
    select: { slug: true, deployment: { select: { databaseKind: true } } },
    orderBy: { slug: 'asc' },
  });
  const missing = w.chains?.filter((s) => !rows.some((r) => r.slug === s)) ?? [];
  if (missing.length) throw invalid(missing.map((s) => `chains: no chain "${s}"`));
  // A database operation would touch every chain of a shared instance: those chains are left out, named.
  const skipped = rows
    .filter((r) => entry.database === 'dedicated' && r.deployment?.databaseKind !== 'dedicated')
    .map((r) => r.slug);
  const chains = rows.map((r) => r.slug).filter((s) => !skipped.includes(s));
  if (chains.length === 0) throw invalid(['no chain to run it on']);
  const wave = await db.$transaction(async (tx) => {
    const made = await tx.wave.create({
      data: { type: w.type, params: params.data, chains, batchSize: w.batchSize, requestedById: user.id },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        actor: user,
        action: `wave.started:${w.type}`,
        result: 'ok',
        target: `wave:${made.id}`,
        after: { status: 'running', chains, batchSize: w.batchSize, params: params.data },
        detail: { skipped },
      },
      tx,
    );
    return made;
  });
  await advanceWaves();
  return { wave: { id: wave.id, chains: chains.length, skipped } };
}

/** Moves every running wave on: stop on a failure, wait for the batch, request the next one, or finish. */
export async function advanceWaves(): Promise<void> {
  const waves = await db.wave.findMany({
    where: { status: 'running' },
    select: { id: true, type: true, params: true, chains: true, batchSize: true, requestedById: true },
  });
  for (const w of waves) {
    const ops = await db.operation.findMany({
      where: { waveId: w.id },
      select: { status: true, error: true, chain: { select: { slug: true } } },
    });
    const failed = ops.find((o) => o.status === 'failed' || o.status === 'rolled_back');
    if (failed) {
      await endWave(
        w.id,
        'stopped',
        `${failed.chain.slug} failed: ${failed.error ?? 'no reason given'}; the chains after it were not touched`,
      );
      continue;
    }
    if (ops.some((o) => o.status === 'queued' || o.status === 'running')) continue;
    const done = new Set(ops.map((o) => o.chain.slug));
    const left = w.chains.filter((s) => !done.has(s));
    if (left.length === 0) {
      await endWave(w.id, 'succeeded', null);
      continue;
    }
    // The canary runs alone; after it, batches of batchSize.
    const batch = left.slice(0, done.size === 0 ? 1 : w.batchSize);
    const user = await db.user.findUniqueOrThrow({ where: { id: w.requestedById }, select: { id: true, email: true } });
    const found = await db.chain.findMany({
      where: { slug: { in: batch }, decommissionedAt: null },
      select: operationChainSelect,
    });
    for (const slug of batch) {
      const chain = found.find((c) => c.slug === slug);
      const problem = chain ? await startOne(chain, user, w, slug) : 'the chain is gone';
      if (problem) {
        await endWave(w.id, 'stopped', `${slug} could not be started: ${problem}`);
        break;
      }
    }
  }
}

/** Queues the wave's operation on one chain; why it could not be, or null. */
async function startOne(
  chain: OperationChain,
  user: Actor,
  w: { id: string; type: string; params: unknown },
  slug: string,
): Promise<string | null> {
  try {
    const idempotencyKey = `wave:${w.id}:${slug}`;
    // A flag rollout's wave queues deliveries, which are not plain operations (lib/server/flags/start-rollout.ts).
    if (w.type === 'deliver-flag')
      await queueFlagDelivery(chain, user, w.params as DeliverFlagParams, { idempotencyKey, waveId: w.id });
    else await recordOperation(chain, user, { body: { type: w.type, params: w.params }, idempotencyKey, waveId: w.id });
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

async function endWave(id: string, status: 'succeeded' | 'stopped', error: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const ended = await tx.wave.updateMany({
      where: { id, status: 'running' },
      data: { status, error, finishedAt: new Date() },
    });
    if (ended.count)
      await recordAuditEvent(
        {
          action: `wave.${status}`,
          result: status === 'succeeded' ? 'ok' : 'failed',
          target: `wave:${id}`,
          before: { status: 'running' },
          after: { status },
          detail: error ? { error } : undefined,
        },
        tx,
      );
  });
}

export async function findWaves(take = 20): Promise<WaveDto[]> {
  const waves = await db.wave.findMany({
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, type: true, status: true, error: true, createdAt: true, batchSize: true, chains: true },
  });
  const ops = await db.operation.findMany({
    where: { waveId: { in: waves.map((w) => w.id) } },
    select: { waveId: true, status: true, chain: { select: { slug: true } } },
  });
  return waves.map((w) => ({
    id: w.id,
    type: w.type,
    status: w.status,
    error: w.error,
    createdAt: w.createdAt.toISOString(),
    batchSize: w.batchSize,
    chains: w.chains.map((slug) => ({
      slug,
      status:
        ops.find((o) => o.waveId === w.id && o.chain.slug === slug)?.status ??
        (w.status === 'running' ? 'waiting' : 'not run'),
    })),
  }));
}
