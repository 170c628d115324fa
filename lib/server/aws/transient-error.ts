import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { SdkError } from '@smithy/types';
import { describeAwsError } from './describe-aws-error';

// Which failed AWS calls are worth trying again: AWS throttled, timed out, refused or reset the connection,
// or answered 5xx. The SDK's own classification decides (the same the SDK's retries use), so a new transient
// code AWS adds is picked up with the SDK. Anything else (a bad parameter, access denied, not found) is final.

/** Why the call may succeed if tried again ("throttled: …"), or null when trying again is pointless. */
export function transientReason(error: unknown, options: { sentAtMostOnce?: boolean } = {}): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as SdkError & { code?: string };
  const what = describeAwsError(error);
  if (isThrottlingError(e)) return `throttled (${what})`;
  // A call that may have reached AWS (timed out, reset, 5xx) is not sent again when it must be sent at most
  // once: only one that never got there (connection refused, name not resolved) is.
  const neverArrived = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(e.code ?? '');
  if (options.sentAtMostOnce) return neverArrived ? `unreachable (${what})` : null;
  if (neverArrived) return `unreachable (${what})`;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) return `AWS answered ${status} (${what})`;
  if (isTransientError(e)) return `no answer (${what})`;
  return null;
}
