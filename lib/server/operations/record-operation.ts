import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import {
  needsApproval,
  needsDedicatedDatabase,
  operationParamsSchemas,
  operationRequestSchema,
} from '@/lib/operations/operation-types';
import type { OperationType } from '@/lib/operations/operation-types';
import { wakeOperationRunner } from './operation-runner';

export type RequestOperationResult =
  | { ok: true; created: boolean; operation: { id: string; status: string } }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409; message: string; issues?: string[] };

const bad = (message: string, issues?: string[]): RequestOperationResult => ({
  ok: false,
  status: 400,
  message,
  issues,
});

export type OperationChain = {
  id: string;
  slug: string;
  region: string;
  awsAccountId: string;
  deployment: {
    databaseKind: 'dedicated' | 'shared';
    dbInstanceIdentifier: string;
    databaseName: string;
    appInstanceId: string | null;
    allocatedStorageGb: number | null;
  } | null;
};

/** What recordOperation needs of a chain, as a Prisma select. */
export const operationChainSelect = {
  id: true,
  slug: true,
  region: true,
  awsAccountId: true,
  deployment: {
    select: {
      databaseKind: true,
      dbInstanceIdentifier: true,
      databaseName: true,
      appInstanceId: true,
      allocatedStorageGb: true,
    },
  },
} as const;

/** Validates and records an operation for a caller already authorized (the API, the UI, the tests). */
export async function recordOperation(
  chain: OperationChain,
  user: { id: string; email: string },
  input: { body: unknown; idempotencyKey: string | null; waveId?: string },
  ip: string | null = null,
): Promise<RequestOperationResult> {
  const key = input.idempotencyKey?.trim() ?? '';
  const issues: string[] = [];
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(key))
    issues.push('Idempotency-Key header: 8 to 128 letters, digits or . _ : - (a UUID will do)');
  const request = operationRequestSchema.safeParse(input.body);
  if (!request.success)
    return bad('Invalid request', [
      ...issues,
      ...request.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    ]);
  const type: OperationType = request.data.type;
  const params = operationParamsSchemas[type].safeParse(request.data.params);
  if (!params.success)
    issues.push(
      ...params.error.issues.map((i) => `params${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`),
    );
  const d = chain.deployment;
  if (!d) issues.push('the chain has no deployment');
  else if (d.databaseKind === 'shared' && needsDedicatedDatabase.has(type)) {
    issues.push(
      `${type} would touch the shared instance ${d.dbInstanceIdentifier} and every chain on it: move the chain to a dedicated instance first`,
    );
  }
  if (type === 'move-to-dedicated' && d && d.databaseKind !== 'shared')
    issues.push(`${chain.slug} has a dedicated instance already`);
  if (type === 'scale-app' && d && !d.appInstanceId) issues.push('the chain has no app instance (as last read)');
  const wanted = params.success && 'allocatedStorageGb' in params.data ? params.data.allocatedStorageGb : null;
  if (type === 'grow-storage' && wanted !== null && d?.allocatedStorageGb && wanted <= d.allocatedStorageGb) {
    issues.push(`params.allocatedStorageGb: storage only grows: above the current ${d.allocatedStorageGb} GiB`);
  }
  if (type === 'cut-over' && params.success && 'restoreOperationId' in params.data) {
    const restore = await db.operation.findUnique({
      where: { id: params.data.restoreOperationId },
      select: { chainId: true, type: true, status: true },
    });
    if (!restore || restore.chainId !== chain.id || restore.type !== 'restore')
      issues.push('params.restoreOperationId: not a restore of this chain');
    else if (restore.status !== 'succeeded')
      issues.push(`params.restoreOperationId: that restore is ${restore.status}, not succeeded`);
  }
  if (
    (type === 'decommission' || type === 'retire-instance' || type === 'move-to-dedicated') &&
    params.success &&
    'confirm' in params.data &&
    params.data.confirm !== chain.slug
  )
    issues.push(`params.confirm: type the chain's slug (${chain.slug}) to confirm`);
  const retiring = params.success && 'instance' in params.data ? params.data.instance : null;
  if (type === 'retire-instance' && retiring) {
    const kept = await db.replacedDbInstance.findUnique({
      where: { chainId_dbInstanceIdentifier: { chainId: chain.id, dbInstanceIdentifier: retiring } },
      select: { retiredAt: true },
    });
    if (!kept) issues.push(`params.instance: ${chain.slug} was never cut over from ${retiring}`);
    else if (kept.retiredAt) issues.push(`params.instance: ${retiring} was retired already`);
  }
  if (type === 'decommission') {
    // Otherwise they would outlive the chain, running and billed with nobody looking at them.
    const kept = await db.replacedDbInstance.findMany({
      where: { chainId: chain.id, retiredAt: null },
      select: { dbInstanceIdentifier: true },
    });
    if (kept.length)
      issues.push(
        `retire the instances kept after a cut-over first: ${kept.map((k) => k.dbInstanceIdentifier).join(', ')}`,
      );
  }
  if (issues.length || !params.success || !d) return bad(`Invalid request: ${issues.join('; ')}`, issues);

  // Retiring locks the replaced instance it deletes, not the one the chain runs on; on a shared instance,
  // an operation locks the chain's own database in it, not the neighbours'.
  const resource =
    type === 'scale-app'
      ? `ec2/${d.appInstanceId}`
      : `rds/${retiring ?? d.dbInstanceIdentifier}${d.databaseKind === 'shared' ? `/${d.databaseName}` : ''}`;
  const instanceKey = `${chain.awsAccountId}/${chain.region}/${resource}`;
  // Decommissioning and moving touch the app instance too: they hold both. Decommissioning a chain on a
  // shared instance snapshots the whole instance, which RDS does one at a time: it holds the instance too.
  const keys = [instanceKey];
  if ((type === 'decommission' || type === 'move-to-dedicated') && d.appInstanceId)
    keys.push(`${chain.awsAccountId}/${chain.region}/ec2/${d.appInstanceId}`);
  if (type === 'decommission' && d.databaseKind === 'shared')
    keys.push(`${chain.awsAccountId}/${chain.region}/rds/${d.dbInstanceIdentifier}`);
  // Keys are per user: two people cannot collide by choosing the same key.
  const idempotencyKey = `${user.id}:${key}`;
  const same = async (): Promise<RequestOperationResult | null> => {
    const existing = await db.operation.findUnique({
      where: { idempotencyKey },
      select: { id: true, status: true, chainId: true, type: true, params: true },
    });
    if (!existing) return null;
    if (
      existing.chainId !== chain.id ||
      existing.type !== type ||
      !isDeepStrictEqual(existing.params, JSON.parse(JSON.stringify(params.data)))
    ) {
      return { ok: false, status: 409, message: 'This Idempotency-Key was used for a different request.' };
    }
    return { ok: true, created: false, operation: { id: existing.id, status: existing.status } };
  };
  const repeated = await same();
  if (repeated) return repeated;

  try {
    const op = await db.$transaction(async (tx) => {
      const created = await tx.operation.create({
        data: {
          chainId: chain.id,
          type,
          params: params.data,
          idempotencyKey,
          instanceKey,
          requestedById: user.id,
          needsApproval: needsApproval.has(type),
          waveId: input.waveId,
        },
        select: { id: true, status: true },
      });
      for (const key of keys) await tx.instanceLock.create({ data: { instanceKey: key, operationId: created.id } });
      return created;
    });
    await recordAuditEvent({
      actor: { id: user.id, email: user.email },
      action: `operation.requested:${type}`,
      result: 'ok',
      chainId: chain.id,
      target: chain.slug,
      ip,
      detail: { operationId: op.id, params: params.data },
    });
    wakeOperationRunner();
    return { ok: true, created: true, operation: op };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
    // Lost a race: either the same request (same key) or another operation on the resource.
    const again = await same();
    if (again) return again;
    const lock = await db.instanceLock.findFirst({
      where: { instanceKey: { in: keys } },
      select: { operationId: true },
    });
    const running =
      lock &&
      (await db.operation.findUnique({
        where: { id: lock.operationId },
        select: { id: true, type: true, status: true },
      }));
    return {
      ok: false,
      status: 409,
      message: running
        ? `${chain.slug} is busy: operation ${running.id} (${running.type}) is ${running.status}. Wait for it to end.`
        : `${chain.slug} is busy.`,
    };
  }
}
