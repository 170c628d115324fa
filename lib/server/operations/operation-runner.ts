import 'server-only';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { awsClients } from '@/lib/server/aws/clients';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import { db } from '@/lib/server/db/client';
import { collectChains } from '@/lib/server/fleet/collect-fleet';
import { operationParamsSchemas, operationTypes } from '@/lib/operations/operation-types';
import type { OperationType } from '@/lib/operations/operation-types';
import { stepSignal, stepsFor } from './operation-steps';
import type { ProvisionSpec } from './provision-chain';
import { provisionSteps } from './provision-steps';
import { advanceWaves } from './waves';
import type { Step, StepContext } from './operation-steps';

// The durable queue: operations are rows; a worker claims one in a single statement (FOR UPDATE SKIP
// LOCKED, so several workers never take the same one), holds it with a claim it renews while it runs, and
// records every step. A worker that dies leaves a claim that runs out: the next worker resumes the
// operation, skipping the steps already done (and never re-sending a step marked `once`).

const CLAIM_MS = Number(process.env.FLEETPANE_OPERATION_CLAIM_MS ?? 60_000);
const HEARTBEAT_MS = Math.min(15_000, CLAIM_MS / 4);
// Fault injection for the crash test: a pause after each step widens the window in which a worker is killed.
const STEP_PAUSE_MS = Number(process.env.FLEETPANE_OPERATION_STEP_PAUSE_MS ?? 0);
const IDLE_POLL_MS = 1_000;
export const MAX_ATTEMPTS = 3;

const wake = new EventEmitter();
const state = globalThis as unknown as { fleetpaneRunner?: { stop: () => void } };

/** Tells this process's runner an operation was just queued (others find it on their next poll). */
export function wakeOperationRunner(): void {
  wake.emit('wake');
}

/** Claims the oldest runnable operation: queued, or running under a claim that ran out. */
export async function claimOperation(workerId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Operation" SET "status" = 'running', "lockedBy" = ${workerId}, "lockedUntil" = now() + ${`${CLAIM_MS} milliseconds`}::interval,
      "attempts" = "attempts" + 1, "startedAt" = coalesce("startedAt", now())
    WHERE "id" = (
      SELECT "id" FROM "Operation"
      WHERE ("status" = 'queued' AND ("needsApproval" = false OR "approvedById" IS NOT NULL))
         OR ("status" = 'running' AND "lockedUntil" < now())
      ORDER BY "createdAt" FOR UPDATE SKIP LOCKED LIMIT 1
    )
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

async function finish(
  operationId: string,
  workerId: string,
  outcome: { status: 'succeeded' | 'failed' | 'rolled_back'; error?: string; result?: object },
): Promise<void> {
  // One transaction, and only by the worker holding the claim: a finished operation never keeps its locks,
  // and a worker that lost its claim (another resumed the operation) does not end it a second time.
  const op = await db.$transaction(async (tx) => {
    const ended = await tx.operation.updateMany({
      where: { id: operationId, lockedBy: workerId },
      data: {
        status: outcome.status,
        error: outcome.error ?? null,
        result: outcome.result ?? undefined,
        finishedAt: new Date(),
        lockedBy: null,
        lockedUntil: null,
      },
    });
    if (ended.count === 0) return null;
    await tx.instanceLock.deleteMany({ where: { operationId } });
    return tx.operation.findUniqueOrThrow({
      where: { id: operationId },
      select: {
        chainId: true,
        type: true,
        requestedById: true,
        requestedBy: { select: { email: true } },
        chain: { select: { slug: true } },
      },
    });
  });
  if (!op) {
    console.warn(`operations: ${operationId} was taken over by another worker; ${workerId} leaves it`);
    return;
  }
  await recordAuditEvent({
    actor: { id: op.requestedById ?? undefined, email: op.requestedBy?.email },
    action: `operation.${outcome.status}:${op.type}`,
    result: outcome.status === 'succeeded' ? 'ok' : 'failed',
    chainId: op.chainId,
    target: op.chain.slug,
    detail: {
      operationId,
      worker: workerId,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.result ? { result: outcome.result } : {}),
    },
  });
  // The pane shows the change at once rather than at the next scheduled pass: this chain's, not the fleet's.
  void collectChains([op.chainId]).catch(() => undefined);
}

/** Runs a step, failing it when it outlives its timeout. */
export async function runStep(step: Step, ctx: StepContext): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const abort = new AbortController();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`"${step.name}" did not finish within ${Math.round(step.timeoutMs / 1000)} s`)),
      step.timeoutMs,
    );
  });
  try {
    return await Promise.race([stepSignal.run(abort.signal, () => step.run(ctx)), timeout]);
  } finally {
    clearTimeout(timer);
    // A wait that lost the race stops polling at its next round.
    abort.abort();
  }
}

/** Runs one claimed operation to its end, resuming after the steps an earlier attempt finished. */
export async function runOperation(operationId: string, workerId: string): Promise<void> {
  const op = await db.operation.findUniqueOrThrow({
    where: { id: operationId },
    select: {
      id: true,
      type: true,
      params: true,
      attempts: true,
      chain: {
        select: {
          id: true,
          slug: true,
          region: true,
          awsAccountId: true,
          roleArn: true,
          tier: { select: { key: true } },
          deployment: {
            select: {
              dbInstanceIdentifier: true,
              appInstanceId: true,
              databaseKind: true,
              databaseName: true,
              sharedDbInstance: { select: { dbInstanceIdentifier: true } },
            },
          },
        },
      },
      steps: { select: { position: true, status: true }, orderBy: { position: 'asc' } },
    },
  });
  if (op.attempts > MAX_ATTEMPTS)
    return finish(op.id, workerId, {
      status: 'failed',
      error: `Given up after ${MAX_ATTEMPTS} attempts: the workers running it stopped (crashed or were killed) each time.`,
    });
  const type = op.type as OperationType | 'provision';
  const spec =
    type === 'provision' && op.params && typeof op.params === 'object' && 'dbInstanceIdentifier' in op.params
      ? (op.params as ProvisionSpec)
      : null;
  const params =
    type !== 'provision' && operationTypes.includes(type) ? operationParamsSchemas[type].safeParse(op.params) : null;
  const d = op.chain.deployment;
  if ((!spec && !params?.success) || !d)
    return finish(op.id, workerId, {
      status: 'failed',
      error: 'The stored operation is not valid any more (unknown type, parameters, or the chain has no deployment).',
    });

  const ctx: StepContext = {
    clients: awsClients({ region: op.chain.region, accountId: op.chain.awsAccountId, roleArn: op.chain.roleArn }),
    operationId: op.id,
    chain: {
      slug: op.chain.slug,
      dbInstanceIdentifier: d.dbInstanceIdentifier,
      appInstanceId: d.appInstanceId,
      databaseKind: d.databaseKind,
      databaseName: d.databaseName,
      sharedInstance: d.sharedDbInstance?.dbInstanceIdentifier ?? null,
    },
  };
  // The claim is renewed while the operation runs; a renewal that finds the claim gone (another worker took
  // over after this one stalled) stops this run before its next step.
  let lost = false;
  const heartbeat = setInterval(() => {
    void db.operation
      .updateMany({ where: { id: op.id, lockedBy: workerId }, data: { lockedUntil: new Date(Date.now() + CLAIM_MS) } })
      .then((r) => (lost ||= r.count === 0))
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  const done = new Map(op.steps.map((s) => [s.position, s.status]));
  try {
    const steps = spec
      ? provisionSteps(spec, {
          ...ctx,
          tier: op.chain.tier.key,
          accountId: op.chain.awsAccountId,
          roleArn: op.chain.roleArn,
        })
      : stepsFor(type as OperationType, params!.data as never, ctx);
    // A run that failed and began rolling back before a crash goes on rolling back: never forwards again.
    const failedAt = op.steps.find((s) => s.status === 'failed' && s.position < UNDO_BASE)?.position;
    if (failedAt !== undefined && canRollBack(steps, failedAt)) {
      return await rollBack(
        op.id,
        workerId,
        steps,
        failedAt,
        ctx,
        `${steps[failedAt]?.name ?? 'a step'} failed before a restart`,
        spec ? op.chain.id : null,
        done,
      );
    }
    for (const [position, step] of steps.entries()) {
      if (lost) return;
      const before = done.get(position);
      if (before === 'succeeded' || before === 'skipped') continue;
      if (before === 'running' && step.once) {
        await db.operationStep.update({
          where: { operationId_position: { operationId: op.id, position } },
          data: { status: 'skipped', detail: 'interrupted after it was sent: not sent again', finishedAt: new Date() },
        });
        continue;
      }
      await db.operationStep.upsert({
        where: { operationId_position: { operationId: op.id, position } },
        create: { operationId: op.id, position, name: step.name, status: 'running' },
        update: { status: 'running', startedAt: new Date(), detail: `attempt ${op.attempts}` },
      });
      try {
        const detail = await runStep(step, ctx);
        await db.operationStep.update({
          where: { operationId_position: { operationId: op.id, position } },
          data: { status: 'succeeded', detail, finishedAt: new Date() },
        });
        if (STEP_PAUSE_MS) await new Promise((resolve) => setTimeout(resolve, STEP_PAUSE_MS));
      } catch (error) {
        const reason = describeAwsError(error);
        await db.operationStep.update({
          where: { operationId_position: { operationId: op.id, position } },
          data: { status: 'failed', detail: reason, finishedAt: new Date() },
        });
        if (canRollBack(steps, position))
          return await rollBack(
            op.id,
            workerId,
            steps,
            position,
            ctx,
            `${step.name}: ${reason}`,
            spec ? op.chain.id : null,
            done,
          );
        const committed = steps.slice(0, position).findLast((s) => s.pointOfNoReturn);
        return await finish(op.id, workerId, {
          status: 'failed',
          error: `${step.name}: ${reason}${committed ? ` (after "${committed.name}", which is not undone: finish by hand)` : ''}`,
        });
      }
    }
    await finish(op.id, workerId, { status: 'succeeded', result: { steps: steps.length } });
  } finally {
    clearInterval(heartbeat);
  }
}

const UNDO_BASE = 100;

/** A failure rolls back when some step can be undone and no step before it was a point of no return. */
function canRollBack(steps: Step[], failedAt: number): boolean {
  return steps.some((s) => s.undo) && !steps.slice(0, failedAt).some((s) => s.pointOfNoReturn);
}

/**
 * Undoes, newest first, what the steps before the failed one made (the failed one too: it may have made
 * something before failing). Logged as steps. A provisioned chain that is rolled back is retired.
 */
async function rollBack(
  operationId: string,
  workerId: string,
  steps: Step[],
  failedAt: number,
  ctx: StepContext,
  reason: string,
  retireChainId: string | null,
  done: Map<number, string>,
): Promise<void> {
  for (let position = failedAt; position >= 0; position--) {
    const step = steps[position]!;
    if (!step.undo) continue;
    const row = UNDO_BASE + position;
    if (done.get(row) === 'succeeded') continue; // undone before a restart
    await db.operationStep.upsert({
      where: { operationId_position: { operationId, position: row } },
      create: { operationId, position: row, name: `Undo: ${step.name}`, status: 'running' },
      update: { status: 'running', startedAt: new Date() },
    });
    try {
      const detail = await runStep({ ...step, name: `Undo: ${step.name}`, run: step.undo }, ctx);
      await db.operationStep.update({
        where: { operationId_position: { operationId, position: row } },
        data: { status: 'succeeded', detail, finishedAt: new Date() },
      });
    } catch (error) {
      const why = describeAwsError(error);
      await db.operationStep.update({
        where: { operationId_position: { operationId, position: row } },
        data: { status: 'failed', detail: why, finishedAt: new Date() },
      });
      return finish(operationId, workerId, {
        status: 'failed',
        error: `${reason}; the rollback did not finish (${step.name}: ${why}): clean up by hand`,
      });
    }
  }
  if (retireChainId) await db.chain.update({ where: { id: retireChainId }, data: { decommissionedAt: new Date() } });
  return finish(operationId, workerId, { status: 'rolled_back', error: `${reason}; everything it made was removed` });
}

/** Claims and runs operations one after another, moving waves on between them, until none is left. */
export async function drainOperations(workerId: string): Promise<number> {
  let ran = 0;
  for (;;) {
    await advanceWaves();
    const id = await claimOperation(workerId);
    if (!id) break;
    await runOperation(id, workerId);
    ran += 1;
  }
  await advanceWaves();
  return ran;
}

/** The runner of this process: woken by a request, and polling for other processes' requests and orphans. */
export function startOperationRunner(): void {
  if (state.fleetpaneRunner) return;
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await drainOperations(workerId);
    } catch (error) {
      console.error(`operations: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), IDLE_POLL_MS);
  const onWake = () => void tick();
  wake.on('wake', onWake);
  state.fleetpaneRunner = { stop: () => (clearInterval(timer), wake.off('wake', onWake)) };
  void tick();
}
