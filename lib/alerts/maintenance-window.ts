import { Cron } from 'croner';

// A recurring maintenance window: it opens at each time of a cron expression, read in UTC (croner), and
// stays open durationMinutes. Pure, for the evaluator, the forms and the tests.

const cronOf = (expression: string) => new Cron(expression, { timezone: 'UTC', mode: '5-part' });

/** Null when the expression is a valid 5-field cron that fires, else why not. */
export function cronProblem(expression: string): string | null {
  try {
    return cronOf(expression).nextRun(new Date()) ? null : 'it never opens';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The opening that `at` falls in, or null. The next opening after (at − duration) is the only one that can
 * hold `at`: it holds it when it is not after `at`.
 */
export function openWindowAt(
  w: { cron: string; durationMinutes: number },
  at: Date,
): { from: Date; until: Date } | null {
  const from = cronOf(w.cron).nextRun(new Date(at.getTime() - w.durationMinutes * 60_000));
  if (!from || from.getTime() > at.getTime()) return null;
  return { from, until: new Date(from.getTime() + w.durationMinutes * 60_000) };
}

/** The next opening after `at` (for the page). */
export function nextOpening(cron: string, at: Date): Date | null {
  return cronOf(cron).nextRun(at);
}
