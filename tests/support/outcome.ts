// The data layer throws AppError; these tests assert refusals as values ({ ok: false, status, message,
// issues }) beside successes ({ ok: true, ... }), as the API's callers see them.
import { AppError } from '@/lib/app-error';

export type Outcome<T> = ({ ok: true } & T) | { ok: false; status: number; message: string; issues: string[] };

export async function outcome<T extends object>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, ...(await promise) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, status: error.status, message: error.message, issues: error.issues ?? [] };
  }
}

/** The function, answering with an Outcome instead of throwing an AppError. */
export const outcomeOf =
  <A extends unknown[], T extends object>(fn: (...args: A) => Promise<T>) =>
  (...args: A): Promise<Outcome<T>> =>
    outcome(fn(...args));
