// The sign-in throttle's arithmetic, pure so it can be worked by hand: how many failures a key may have
// before each further attempt waits, and how long. The database state is in sign-in-throttle.ts.

/** Failures allowed before attempts wait: an account is guessed at, an address may be a whole office. */
export const THROTTLE_THRESHOLDS = { account: 5, address: 20 } as const;
/** Failures are forgotten after this long without an attempt (counted from the end of any lock). */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;

export type ThrottleState = { failures: number; lastAttempt: Date; lockedUntil: Date | null };

/**
 * How long the next attempt must wait after `failures` failures: nothing below the threshold, then 1 s at
 * the threshold, doubling with each further failure, never more than 15 minutes.
 */
export function throttleDelayMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  const doublings = failures - threshold;
  // 2^20 s is far past the cap already; stop before the number grows without bound.
  return doublings >= 20 ? MAX_DELAY_MS : Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
}

/** Milliseconds until a key admits an attempt again; 0 when it does now. */
export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  return state?.lockedUntil ? Math.max(0, state.lockedUntil.getTime() - now.getTime()) : 0;
}

/** The state after one more attempt counted as a failure (it is counted before the password is checked). */
export function countAttempt(state: ThrottleState | null, now: Date, threshold: number): ThrottleState {
  const quietSince = state ? Math.max(state.lastAttempt.getTime(), state.lockedUntil?.getTime() ?? 0) : 0;
  const failures = state && now.getTime() - quietSince <= THROTTLE_WINDOW_MS ? state.failures + 1 : 1;
  const delay = throttleDelayMs(failures, threshold);
  return { failures, lastAttempt: now, lockedUntil: delay ? new Date(now.getTime() + delay) : null };
}
