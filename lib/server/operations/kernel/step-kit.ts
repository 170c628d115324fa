import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AwsClients } from '@/lib/server/aws/clients';
import { transientReason } from '@/lib/server/aws/transient-error';

// The vocabulary every operation type's steps are written in, and how one step runs: until its own
// deadline (set to what AWS needs for it), trying again with capped backoff while AWS fails transiently
// (throttled, no answer, reset, 5xx: lib/server/aws/transient-error.ts), and with an abort signal that stops
// its polling once the deadline has failed it. Steps are written to be run again: each looks before it makes.

/** The chain an operation runs on, as recorded when it was claimed. */
export type StepChain = {
  id: string;
  slug: string;
  region: string;
  accountId: string;
  roleArn: string | null;
  tier: string;
  dbInstanceIdentifier: string;
  appInstanceId: string | null;
  databaseKind: 'dedicated' | 'shared';
  /** The chain's own database (on a shared instance: its database inside it). */
  databaseName: string;
  /**
   * The shared instance holding the chain's database, while it has one there (a chain moving to a
   * dedicated instance keeps it until its copy there is dropped).
   */
  sharedInstance: string | null;
};

export type StepContext = { clients: AwsClients; operationId: string; chain: StepChain };

export type Step = {
  name: string;
  timeoutMs: number;
  /** Sent at most once: a run resumed after a crash does not send it again, it goes on to the next step. */
  once?: boolean;
  run: (ctx: StepContext) => Promise<string>;
  /** Undoes what the step made, for a rollback when a later step fails (provisioning). */
  undo?: (ctx: StepContext) => Promise<string>;
  /**
   * Once it has succeeded, a later failure fails the operation forwards instead of rolling back (a chain
   * already running on what the operation made must not have it deleted under it).
   */
  pointOfNoReturn?: boolean;
};

/** A step of a few AWS calls: long enough to ride out an AWS outage of minutes, retrying. */
export const AWS_CALL_MS = 10 * 60_000;
export const RDS_WAIT_MS = 30 * 60_000;
export const EC2_WAIT_MS = 10 * 60_000;
export const POLL_MS = Number(process.env.FLEETPANE_OPERATION_POLL_MS ?? 2_000);

/** The running step's abort signal: set by runStep when the step times out, so its polling stops too. */
export const stepSignal = new AsyncLocalStorage<AbortSignal>();

/** Polls until the check says done; the step's timeout (enforced by runStep) ends a wait that never does. */
export async function waitUntil(check: () => Promise<{ done: boolean; detail: string }>): Promise<string> {
  const signal = stepSignal.getStore();
  for (;;) {
    if (signal?.aborted) throw new Error('the step timed out');
    const r = await check();
    if (r.done) return r.detail;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const RETRY_FIRST_MS = 1_000;
const RETRY_CAP_MS = 30_000;

/** Told before each retry: why the last try failed, and which try comes next. */
export type RetryNotice = (reason: string, nextTry: number) => Promise<unknown>;

/** Runs a step until its deadline: a transient AWS failure is tried again with capped backoff, anything else fails it. */
export async function runStep(step: Step, ctx: StepContext, onRetry?: RetryNotice): Promise<string> {
  const deadline = Date.now() + step.timeoutMs;
  for (let tried = 1; ; tried++) {
    try {
      return await runUntil(step, ctx, deadline);
    } catch (error) {
      const reason = transientReason(error, { sentAtMostOnce: step.once });
      const backoff = Math.min(RETRY_CAP_MS, RETRY_FIRST_MS * 2 ** (tried - 1));
      if (!reason || Date.now() + backoff >= deadline) throw error;
      await onRetry?.(reason, tried + 1);
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}

/** One try of a step, failed when the step's deadline passes. */
async function runUntil(step: Step, ctx: StepContext, deadline: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const abort = new AbortController();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`"${step.name}" did not finish within ${Math.round(step.timeoutMs / 1000)} s`)),
      Math.max(0, deadline - Date.now()),
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
