import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { AppError, invalid } from '@/lib/app-error';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { wakeOperationRunner } from './wake';

// The one way into the queue, for requests, provisioning and waves alike: the caller's idempotency key
// (scoped to the caller, so two people cannot collide by choosing the same key) makes a repeated request
// the same operation; the operation, its resource locks and its audit event are written in one
// transaction; then this process's runner is woken.

export type Enqueued = { created: boolean; operation: { id: string; status: string } };

/** What to queue once the request has been checked. */
export type QueueItem = {
  type: string;
  params: unknown;
  /** The resources it holds; the first is the one it is recorded against. */
  locks: [string, ...string[]];
  needsApproval: boolean;
  waveId?: string;
  /** The chain it runs on, or the chain it makes in the same transaction (provisioning). */
  chain:
    { id: string; slug: string } | { slug: string; create: (tx: Prisma.TransactionClient) => Promise<{ id: string }> };
  /** More for the audit event's detail than the operation and its params. */
  auditDetail?: Record<string, unknown>;
};

export type EnqueueRequest = {
  /** Null: the system asked (the nightly check's restore drill): recorded without a requester, keyed as `system:`. */
  actor: Actor | null;
  idempotencyKey: string | null;
  ip?: string | null;
  /** Whether the operation already stored under this key is this very request (then it is answered again). */
  sameRequest: (existing: { chainSlug: string; type: string; params: unknown }) => boolean;
  /** Checks the request: its problems (answered with the key's as one 400), or what to queue. */
  prepare: () => Promise<{ issues: string[]; item?: QueueItem }>;
};

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export async function enqueue(request: EnqueueRequest): Promise<Enqueued> {
  const key = request.idempotencyKey?.trim() ?? '';
  const keyIssues = KEY.test(key)
    ? []
    : ['Idempotency-Key header: 8 to 128 letters, digits or . _ : - (a UUID will do)'];
  const scopedKey = `${request.actor?.id ?? 'system'}:${key}`;
  if (!keyIssues.length) {
    const replay = await findReplay(scopedKey, request.sameRequest);
    if (replay) return replay;
  }
  const { issues, item } = await request.prepare();
  if (keyIssues.length || issues.length || !item) throw invalid([...keyIssues, ...issues]);
  try {
    const operation = await db.$transaction(async (tx) => {
      const chain = 'create' in item.chain ? { ...(await item.chain.create(tx)), slug: item.chain.slug } : item.chain;
      const created = await tx.operation.create({
        data: {
          chainId: chain.id,
          type: item.type,
          params: item.params as Prisma.InputJsonValue,
          idempotencyKey: scopedKey,
          instanceKey: item.locks[0],
          requestedById: request.actor?.id ?? null,
          needsApproval: item.needsApproval,
          waveId: item.waveId,
        },
        select: { id: true, status: true },
      });
      for (const lock of item.locks)
        await tx.instanceLock.create({ data: { instanceKey: lock, operationId: created.id } });
      await recordAuditEvent(
        {
          actor: request.actor ?? undefined,
          action: `operation.requested:${item.type}`,
          result: 'ok',
          chainId: chain.id,
          target: chain.slug,
          ip: request.ip,
          before: null,
          after: { status: created.status, params: item.params } as Prisma.InputJsonValue,
          detail: { operationId: created.id, ...item.auditDetail } as Prisma.InputJsonValue,
        },
        tx,
      );
      return created;
    });
    wakeOperationRunner();
    return { created: true, operation };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
    // Lost a race: the same request (same key) made at once, or another operation on the resource.
    const again = await findReplay(scopedKey, request.sameRequest);
    if (again) return again;
    throw await busy(item);
  }
}

async function findReplay(scopedKey: string, sameRequest: EnqueueRequest['sameRequest']): Promise<Enqueued | null> {
  const existing = await db.operation.findUnique({
    where: { idempotencyKey: scopedKey },
    select: { id: true, status: true, type: true, params: true, chain: { select: { slug: true } } },
  });
  if (!existing) return null;
  if (!sameRequest({ chainSlug: existing.chain.slug, type: existing.type, params: existing.params })) {
    throw new AppError('conflict', 'This Idempotency-Key was used for a different request.');
  }
  return { created: false, operation: { id: existing.id, status: existing.status } };
}

/** The 409 of a resource held by another operation, naming it. */
async function busy(item: QueueItem): Promise<AppError> {
  const slug = item.chain.slug;
  if ('create' in item.chain)
    return new AppError('conflict', `"${slug}" is being provisioned already, or the key was reused.`);
  const lock = await db.instanceLock.findFirst({
    where: { instanceKey: { in: item.locks } },
    select: { operationId: true },
  });
  const running =
    lock &&
    (await db.operation.findUnique({
      where: { id: lock.operationId },
      select: { id: true, type: true, status: true },
    }));
  return new AppError(
    'conflict',
    running
      ? `${slug} is busy: operation ${running.id} (${running.type}) is ${running.status}. Wait for it to end.`
      : `${slug} is busy.`,
  );
}

/** Stored params and a request's params are the same request when equal as JSON. */
export const sameParams = (stored: unknown, params: unknown): boolean =>
  isDeepStrictEqual(stored, JSON.parse(JSON.stringify(params)));
