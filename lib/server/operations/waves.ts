import { chainSlugSchema } from '@/lib/chain-slug';
import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { needsDedicatedDatabase, operationParamsSchemas, operationTypes } from '@/lib/operations/operation-types';
import { operationChainSelect, recordOperation } from './record-operation';

// Fleet actions: the same operation over many chains, a canary first, then batches, stopping by itself
// when one fails. The runner advances waves between operations; state lives in the database, so a
// restarted worker carries on.

export const waveTypes = [
  'backup',
  'scale-database',
  'grow-storage',
  'enable-multi-az',
  'disable-multi-az',
  'reboot',
  'scale-app',
] as const satisfies readonly (typeof operationTypes)[number][];

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

export type WaveResult =
  | { ok: true; wave: { id: string; chains: number; skipped: string[] } }
  | { ok: false; status: 400; message: string; issues: string[] };

/** Starts a wave (the caller is authorized to request operations). */
export async function startWave(user: { id: string; email: string }, body: unknown): Promise<WaveResult> {
  const parsed = waveRequestSchema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      message: 'Invalid request',
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    };
  const w = parsed.data;
  const params = operationParamsSchemas[w.type].safeParse(w.params);
  if (!params.success)
    return {
      ok: false,
      status: 400,
      message: 'Invalid request',
      issues: params.error.issues.map((i) => `params.${i.path.join('.')}: ${i.message}`),
    };
  const rows = await db.chain.findMany({
    where: { decommissionedAt: null, ...(w.tier ? { tier: { key: w.tier } } : { slug: { in: w.chains } }) },
    select: { slug: true, deployment: { select: { databaseKind: true } } },
    orderBy: { slug: 'asc' },
  });
  const issues = w.chains
    ? w.chains.filter((s) => !rows.some((r) => r.slug === s)).map((s) => `chains: no chain "${s}"`)
    : [];
  if (issues.length) return { ok: false, status: 400, message: 'Invalid request', issues };
  // A database operation would touch every chain of a shared instance: those chains are left out, named.
  const skipped = rows
    .filter((r) => (needsDedicatedDatabase.has(w.type) ? r.deployment?.databaseKind !== 'dedicated' : false))
    .map((r) => r.slug);
  const chains = rows.map((r) => r.slug).filter((s) => !skipped.includes(s));
  if (chains.length === 0)
    return { ok: false, status: 400, message: 'Invalid request', issues: ['no chain to run it on'] };
  const wave = await db.wave.create({
    data: { type: w.type, params: params.data, chains, batchSize: w.batchSize, requestedById: user.id },
    select: { id: true },
  });
  await recordAuditEvent({
    actor: user,
    action: `wave.started:${w.type}`,
    result: 'ok',
    target: `wave:${wave.id}`,
    detail: { chains, skipped, batchSize: w.batchSize, params: params.data },
  });
  await advanceWaves();
  return { ok: true, wave: { id: wave.id, chains: chains.length, skipped } };
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
    for (const slug of batch) {
      const chain = await db.chain.findUnique({ where: { slug }, select: operationChainSelect });
      const r = chain
        ? await recordOperation(chain, user, {
            body: { type: w.type, params: w.params },
            idempotencyKey: `wave:${w.id}:${slug}`,
            waveId: w.id,
          })
        : ({ ok: false, status: 404, message: 'the chain is gone' } as const);
      if (!r.ok) {
        await endWave(w.id, 'stopped', `${slug} could not be started: ${r.message}`);
        break;
      }
    }
  }
}

async function endWave(id: string, status: 'succeeded' | 'stopped', error: string | null): Promise<void> {
  const ended = await db.wave.updateMany({
    where: { id, status: 'running' },
    data: { status, error, finishedAt: new Date() },
  });
  if (ended.count)
    await recordAuditEvent({
      action: `wave.${status}`,
      result: status === 'succeeded' ? 'ok' : 'failed',
      target: `wave:${id}`,
      detail: error ? { error } : undefined,
    });
}

export type WaveDto = {
  id: string;
  type: string;
  status: string;
  error: string | null;
  createdAt: string;
  batchSize: number;
  chains: { slug: string; status: string }[];
};

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
