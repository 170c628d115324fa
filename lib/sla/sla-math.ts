// The SLA formulas, pure and exact. README "How SLA figures are computed" states them in words; the unit
// tests check them on hand-worked cases. Inputs are counts of 5-minute health samples.
import type { CreditSchedule } from './sla-terms';
import { percentOf } from './money';
import { roundHalfAwayFromZero } from '@/lib/round';

export const SAMPLE_MINUTES = 5;
const MINUTE_MS = 60_000;

export type SampleCounts = { healthy: number; measured: number };

/** Healthy share of the measured samples, 0..1; null when nothing was measured (never 100 %). */
export function availability(c: SampleCounts): number | null {
  return c.measured > 0 ? c.healthy / c.measured : null;
}

export function monthStartUtc(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextMonthUtc(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** "2026-11" for the UTC month containing `at`. */
export function monthKey(at: Date): string {
  return at.toISOString().slice(0, 7);
}

export function parseMonthKey(key: string): Date | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / MINUTE_MS));
}

export type ErrorBudget = {
  /** (1 − target) × the whole period, in minutes: a fixed allowance for the month. */
  budgetMinutes: number;
  /** Measured minutes in which the health signal was not healthy. */
  spentMinutes: number;
  /** Budget − spent; negative when the budget is blown. */
  leftMinutes: number;
  /** Left as a share of the budget (can be negative). */
  leftShare: number;
};

/** targetPct: e.g. 99.9. periodMinutes: the whole period's length (a month: 28–31 days of minutes). */
export function errorBudget(targetPct: number, periodMinutes: number, c: SampleCounts): ErrorBudget {
  // In thousandths of a percent (a target has at most three decimals): (100 − 99.9) is 0.1 here, not
  // 0.09999999999999432, so 99.9 % of 44,640 minutes allows 44.64 minutes, not 44.639999999997464.
  const allowedMilli = 100_000 - Math.round(targetPct * 1000);
  const budgetMinutes = roundHalfAwayFromZero((allowedMilli * periodMinutes) / 100_000, 6);
  const spentMinutes = (c.measured - c.healthy) * SAMPLE_MINUTES;
  const leftMinutes = roundHalfAwayFromZero(budgetMinutes - spentMinutes, 6);
  return { budgetMinutes, spentMinutes, leftMinutes, leftShare: budgetMinutes > 0 ? leftMinutes / budgetMinutes : 0 };
}

/** How fast the budget burns: the window's bad share over the allowed bad share. 1 = exactly on budget. */
export function burnRate(targetPct: number, c: SampleCounts): number | null {
  const allowed = (100 - targetPct) / 100;
  if (c.measured === 0 || allowed <= 0) return null;
  return (c.measured - c.healthy) / c.measured / allowed;
}

// Google SRE workbook, multiwindow multi-burn-rate alerts for a 30-day budget (DESIGN.md): an alert fires
// when both the long and the short window burn faster than the factor.
const burnAlertRules = [
  { long: 60, short: 5, factor: 14.4, level: 'page' },
  { long: 360, short: 30, factor: 6, level: 'page' },
  { long: 1_440, short: 120, factor: 3, level: 'ticket' },
  { long: 4_320, short: 360, factor: 1, level: 'ticket' },
] as const;

export type BurnWindowMinutes = (typeof burnAlertRules)[number]['long' | 'short'];
export const burnWindows: BurnWindowMinutes[] = [...new Set(burnAlertRules.flatMap((r) => [r.long, r.short]))].sort(
  (a, b) => a - b,
);

export type BurnAlert = {
  longMinutes: number;
  shortMinutes: number;
  factor: number;
  level: 'page' | 'ticket';
  longRate: number | null;
  shortRate: number | null;
  firing: boolean;
};

/** Each rule's state from per-window sample counts (keyed by window minutes). */
export function burnAlerts(targetPct: number, windows: ReadonlyMap<number, SampleCounts>): BurnAlert[] {
  return burnAlertRules.map((r) => {
    const longRate = burnRate(targetPct, windows.get(r.long) ?? { healthy: 0, measured: 0 });
    const shortRate = burnRate(targetPct, windows.get(r.short) ?? { healthy: 0, measured: 0 });
    const firing = longRate !== null && shortRate !== null && longRate > r.factor && shortRate > r.factor;
    return {
      longMinutes: r.long,
      shortMinutes: r.short,
      factor: r.factor,
      level: r.level,
      longRate,
      shortRate,
      firing,
    };
  });
}

/** The most urgent firing level, or null. */
export function alertLevel(alerts: BurnAlert[]): 'page' | 'ticket' | null {
  if (alerts.some((a) => a.firing && a.level === 'page')) return 'page';
  return alerts.some((a) => a.firing) ? 'ticket' : null;
}

/**
 * Whether availability (healthy/measured) is strictly below a percentage threshold, compared exactly in
 * integers: healthy × 100,000 < threshold × 1,000 × measured (thresholds carry at most three decimals).
 */
export function isBelow(c: SampleCounts, thresholdPct: number): boolean {
  return c.healthy * 100_000 < Math.round(thresholdPct * 1_000) * c.measured;
}

export type MonthCredit = {
  /** The band that applies, or null (target met, or nothing measured). */
  creditPct: number;
  amount: string;
  reason: 'met' | 'band' | 'unmeasured';
};

/**
 * The SLA credit for one month: the largest credit among the bands whose threshold the month's availability
 * is strictly below, applied to the month's price. A month with no measurement earns no credit and says so.
 */
export function monthCredit(schedule: CreditSchedule, c: SampleCounts, monthlyAmount: string): MonthCredit {
  if (c.measured === 0) return { creditPct: 0, amount: '0.00', reason: 'unmeasured' };
  const pct = schedule.filter((b) => isBelow(c, b.below)).reduce((max, b) => Math.max(max, b.creditPct), 0);
  return { creditPct: pct, amount: percentOf(monthlyAmount, pct), reason: pct > 0 ? 'band' : 'met' };
}
