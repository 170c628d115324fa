import 'server-only';
import { awsClients } from '@/lib/server/aws/clients';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { finishOperation, holdClaim } from './claim';
import type { Outcome } from './claim';
import type { BoundOperation, OperationRegistry } from './operation-module';
import { runStep } from './step-kit';
import type { Step, StepContext } from './step-kit';

// One claimed operation, run to its end by whatever type it is: its steps in order, resumed after the
// ones an earlier attempt finished (never re-sending one marked `once`), rolled back newest first when a
// step fails and no step before it was a point of no return.

export const MAX_ATTEMPTS = 3;
// Fault injection for the crash test: a pause after each step widens the window in which a worker is killed.
const STEP_PAUSE_MS = Number(process.env.FLEETPANE_OPERATION_STEP_PAUSE_MS ?? 0);
/** Undo steps are logged at this position and above. */
const UNDO_BASE = 100;

export type RunHooks = { registry: OperationRegistry; afterFinish?: (chainId: string, type: string) => void };

const operationSelect = {
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
} as const;

/** Runs one claimed operation to its end, resuming after the steps an earlier attempt finished. */
export async function runOperation(operationId: string, workerId: string, hooks: RunHooks): Promise<void> {
  const op = await db.operation.findUniqueOrThrow({ where: { id: operationId }, select: operationSelect });
  const finish = async (outcome: Outcome) => {
    const chainId = await finishOperation(op.id, workerId, outcome);
    // The pane shows the change at once rather than at the next scheduled pass: this chain's, not the fleet's.
    if (chainId) hooks.afterFinish?.(chainId, op.type);
  };
  if (op.attempts > MAX_ATTEMPTS) {
    return finish({
      status: 'failed',
      error: `Given up after ${MAX_ATTEMPTS} attempts: the workers running it stopped (crashed or were killed) each time.`,
    });
  }
  const bound = hooks.registry[op.type]?.bind(op.params);
  const d = op.chain.deployment;
  if (!bound?.ok || !d) {
    return finish({
      status: 'failed',
      error: 'The stored operation is not valid any more (unknown type, parameters, or the chain has no deployment).',
    });
  }
  const ctx: StepContext = {
    clients: awsClients({ region: op.chain.region, accountId: op.chain.awsAccountId, roleArn: op.chain.roleArn }),
    operationId: op.id,
    chain: {
      id: op.chain.id,
      slug: op.chain.slug,
      region: op.chain.region,
      accountId: op.chain.awsAccountId,
      roleArn: op.chain.roleArn,
      tier: op.chain.tier.key,
      dbInstanceIdentifier: d.dbInstanceIdentifier,
      appInstanceId: d.appInstanceId,
      databaseKind: d.databaseKind,
      databaseName: d.databaseName,
      sharedInstance: d.sharedDbInstance?.dbInstanceIdentifier ?? null,
    },
  };
  const claim = holdClaim(op.id, workerId);
  try {
    const outcome = await runSteps(bound.operation, ctx, op, claim.lost);
    if (outcome) await finish(outcome);
  } finally {
    claim.release();
  }
}

type Run = { id: string; attempts: number; steps: { position: number; status: string }[] };

/** The steps forwards (or a rollback begun before a restart); null when the claim was lost on the way. */
async function runSteps(
  bound: BoundOperation,
  ctx: StepContext,
  op: Run,
  lost: () => boolean,
): Promise<Outcome | null> {
  const steps = bound.steps(ctx);
  const done = new Map(op.steps.map((s) => [s.position, s.status]));
  const rollBack = (failedAt: number, reason: string) => rollBackSteps(bound, steps, failedAt, ctx, reason, done);
  // A run that failed and began rolling back before a crash goes on rolling back: never forwards again.
  const failedAt = op.steps.find((s) => s.status === 'failed' && s.position < UNDO_BASE)?.position;
  if (failedAt !== undefined && canRollBack(steps, failedAt)) {
    return rollBack(failedAt, `${steps[failedAt]?.name ?? 'a step'} failed before a restart`);
  }
  const log = stepLog(op.id, ctx.chain);
  for (const [position, step] of steps.entries()) {
    if (lost()) return null;
    const before = done.get(position);
    if (before === 'succeeded' || before === 'skipped') continue;
    if (before === 'running' && step.once) {
      await log.end(position, 'skipped', 'interrupted after it was sent: not sent again');
      continue;
    }
    await log.start(position, step.name, `attempt ${op.attempts}`);
    try {
      const waiting = (reason: string, nextTry: number) =>
        log.note(position, `waiting for AWS: ${reason}; retrying (try ${nextTry})`);
      await log.end(position, 'succeeded', await runStep(step, ctx, waiting));
      if (STEP_PAUSE_MS) await new Promise((resolve) => setTimeout(resolve, STEP_PAUSE_MS));
    } catch (error) {
      const reason = describeAwsError(error);
      await log.end(position, 'failed', reason);
      if (canRollBack(steps, position)) return rollBack(position, `${step.name}: ${reason}`);
      const committed = steps.slice(0, position).findLast((s) => s.pointOfNoReturn);
      const after = committed ? ` (after "${committed.name}", which is not undone: finish by hand)` : '';
      return { status: 'failed', error: `${step.name}: ${reason}${after}` };
    }
  }
  return { status: 'succeeded', result: { steps: steps.length, ...(await bound.result?.(ctx)) } };
}

/** A failure rolls back when some step can be undone and no step before it was a point of no return. */
function canRollBack(steps: Step[], failedAt: number): boolean {
  return steps.some((s) => s.undo) && !steps.slice(0, failedAt).some((s) => s.pointOfNoReturn);
}

/**
 * Undoes, newest first, what the steps before the failed one made (the failed one too: it may have made
 * something before failing). Logged as steps.
 */
async function rollBackSteps(
  bound: BoundOperation,
  steps: Step[],
  failedAt: number,
  ctx: StepContext,
  reason: string,
  done: Map<number, string>,
): Promise<Outcome> {
  const log = stepLog(ctx.operationId, ctx.chain);
  for (let position = failedAt; position >= 0; position--) {
    const step = steps[position]!;
    if (!step.undo) continue;
    const row = UNDO_BASE + position;
    if (done.get(row) === 'succeeded') continue; // undone before a restart
    const name = `Undo: ${step.name}`;
    await log.start(row, name);
    try {
      const waiting = (why: string, nextTry: number) =>
        log.note(row, `waiting for AWS: ${why}; retrying (try ${nextTry})`);
      await log.end(row, 'succeeded', await runStep({ ...step, name, run: step.undo }, ctx, waiting));
    } catch (error) {
      const why = describeAwsError(error);
      await log.end(row, 'failed', why);
      return {
        status: 'failed',
        error: `${reason}; the rollback did not finish (${step.name}: ${why}): clean up by hand`,
      };
    }
  }
  await bound.afterRollback?.(ctx);
  return { status: 'rolled_back', error: `${reason}; everything it made was removed` };
}

/** The operation's step rows: a step starts (or starts again), then ends with its detail, audited with it. */
function stepLog(operationId: string, chain: { id: string; slug: string }) {
  const where = (position: number) => ({ operationId_position: { operationId, position } });
  return {
    start: (position: number, name: string, detail?: string) =>
      db.operationStep.upsert({
        where: where(position),
        create: { operationId, position, name, status: 'running' },
        update: { status: 'running', startedAt: new Date(), ...(detail ? { detail } : {}) },
      }),
    /** What a running step waits for (AWS failing transiently): shown with it, not audited (nothing changed). */
    note: (position: number, detail: string) =>
      db.operationStep.update({ where: where(position), data: { detail: detail.slice(0, 500) } }),
    end: (position: number, status: 'succeeded' | 'failed' | 'skipped', detail: string) =>
      db.$transaction(async (tx) => {
        const step = await tx.operationStep.update({
          where: where(position),
          data: { status, detail, finishedAt: new Date() },
          select: { name: true },
        });
        await recordAuditEvent(
          {
            action: 'operation.step',
            result: status === 'failed' ? 'failed' : 'ok',
            chainId: chain.id,
            target: chain.slug,
            before: { status: 'running' },
            after: { status },
            detail: { operationId, position, step: step.name, detail },
          },
          tx,
        );
      }),
  };
}
