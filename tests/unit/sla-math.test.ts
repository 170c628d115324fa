import { describe, expect, it } from 'vitest';
import {
  alertLevel,
  availability,
  burnAlerts,
  burnRate,
  errorBudget,
  isBelow,
  monthCredit,
  monthKey,
  parseMonthKey,
} from '@/lib/sla/sla-math';
import { creditScheduleSchema } from '@/lib/sla/sla-terms';

// Hand-worked: a 30-day month has 43,200 minutes = 8,640 five-minute samples.
const MONTH_MINUTES = 43_200;

describe('availability', () => {
  it('is the healthy share of measured samples', () => {
    expect(availability({ healthy: 8_631, measured: 8_640 })).toBeCloseTo(0.998958, 6);
  });
  it('is null, not 100 %, for a month with no data', () => {
    expect(availability({ healthy: 0, measured: 0 })).toBeNull();
  });
  it('ignores unmeasured time: half a month measured and all healthy is 100 %', () => {
    expect(availability({ healthy: 4_320, measured: 4_320 })).toBe(1);
  });
});

describe('error budget', () => {
  it('is (1 − target) × the whole month, spent by unhealthy measured minutes', () => {
    // 99.9 % of 43,200 min: 43.2 min allowed. 8 bad samples = 40 min spent, 3.2 left (7.4 %).
    const b = errorBudget(99.9, MONTH_MINUTES, { healthy: 8_000, measured: 8_008 });
    expect(b.budgetMinutes).toBe(43.2);
    expect(b.spentMinutes).toBe(40);
    expect(b.leftMinutes).toBe(3.2);
    expect(b.leftShare).toBeCloseTo(0.074074, 5);
  });
  it('goes negative when blown', () => {
    expect(errorBudget(99.95, MONTH_MINUTES, { healthy: 90, measured: 100 }).leftMinutes).toBe(-28.4);
  });
  it('is an exact decimal: 99.9 % of a 31-day month allows 44.64 minutes, not 44.639999999997464', () => {
    const b = errorBudget(99.9, 44_640, { healthy: 97, measured: 100 });
    expect(b.budgetMinutes).toBe(44.64);
    expect(b.leftMinutes).toBe(29.64);
    expect(errorBudget(99.999, 44_640, { healthy: 0, measured: 0 }).budgetMinutes).toBe(0.4464);
  });
  it('is untouched by a month with no data', () => {
    expect(errorBudget(99.5, MONTH_MINUTES, { healthy: 0, measured: 0 }).leftShare).toBe(1);
  });
});

describe('burn rate and alerts', () => {
  it('is the bad share over the allowed bad share', () => {
    // 1 bad sample of 12 in an hour against 99.9 %: (1/12) / 0.001 = 83.3×.
    expect(burnRate(99.9, { healthy: 11, measured: 12 })).toBeCloseTo(83.333, 2);
    expect(burnRate(99.9, { healthy: 0, measured: 0 })).toBeNull();
  });
  it('pages only when both the long and the short window burn too fast', () => {
    const windows = new Map([
      [60, { healthy: 11, measured: 12 }],
      [5, { healthy: 1, measured: 1 }],
    ]);
    expect(burnAlerts(99.9, windows)[0]!.firing).toBe(false);
    windows.set(5, { healthy: 0, measured: 1 });
    expect(alertLevel(burnAlerts(99.9, windows))).toBe('page');
  });
  it('tickets on a slow burn over 72 h and 6 h', () => {
    // 99.5 %: 1× burn is 0.5 % bad. 72 h = 864 samples with 5 bad (0.58 %); 6 h = 72 samples with 1 bad (1.4 %).
    const windows = new Map([
      [4_320, { healthy: 859, measured: 864 }],
      [360, { healthy: 71, measured: 72 }],
      [1_440, { healthy: 288, measured: 288 }],
      [120, { healthy: 24, measured: 24 }],
    ]);
    expect(alertLevel(burnAlerts(99.5, windows))).toBe('ticket');
  });
  it('does not fire at exactly the factor', () => {
    // 99 %: 1 bad in 100 is a burn of exactly 1.
    const windows = new Map([
      [4_320, { healthy: 99, measured: 100 }],
      [360, { healthy: 99, measured: 100 }],
    ]);
    expect(alertLevel(burnAlerts(99, windows))).toBeNull();
  });
});

describe('credits', () => {
  const schedule = creditScheduleSchema.parse([
    { below: 99, creditPct: 25 },
    { below: 99.9, creditPct: 10 },
  ]);
  it('applies the largest band the month is strictly below', () => {
    expect(monthCredit(schedule, { healthy: 995, measured: 1_000 }, '1490.00')).toEqual({
      creditPct: 10,
      amount: '149.00',
      reason: 'band',
    });
    expect(monthCredit(schedule, { healthy: 980, measured: 1_000 }, '1490.00')).toEqual({
      creditPct: 25,
      amount: '372.50',
      reason: 'band',
    });
  });
  it('gives nothing at exactly the threshold (compared exactly, not in floats)', () => {
    // 999/1000 = 99.9 % exactly; 0.999 * 100 in floating point is 99.9 but other ratios are not.
    expect(monthCredit(schedule, { healthy: 999, measured: 1_000 }, '1490.00').reason).toBe('met');
    expect(isBelow({ healthy: 8_632, measured: 8_640 }, 99.9)).toBe(false);
    expect(isBelow({ healthy: 8_631, measured: 8_640 }, 99.9)).toBe(true);
    // 99.95 % of 2,000 is exactly 1,999: at the threshold, not below it.
    expect(isBelow({ healthy: 1_999, measured: 2_000 }, 99.95)).toBe(false);
  });
  it('earns nothing for a month with no data and says why', () => {
    expect(monthCredit(schedule, { healthy: 0, measured: 0 }, '1490.00')).toEqual({
      creditPct: 0,
      amount: '0.00',
      reason: 'unmeasured',
    });
  });
  it('rounds once, half away from zero, to the cent', () => {
    expect(
      monthCredit(creditScheduleSchema.parse([{ below: 99.9, creditPct: 12.5 }]), { healthy: 0, measured: 1 }, '0.99')
        .amount,
    ).toBe('0.12');
    expect(
      monthCredit(creditScheduleSchema.parse([{ below: 99.9, creditPct: 50 }]), { healthy: 0, measured: 1 }, '0.05')
        .amount,
    ).toBe('0.03');
  });
  it('refuses a schedule where a worse month earns less', () => {
    expect(
      creditScheduleSchema.safeParse([
        { below: 99.9, creditPct: 25 },
        { below: 99, creditPct: 10 },
      ]).success,
    ).toBe(false);
  });
});

describe('months are UTC', () => {
  it('keys and parses months', () => {
    expect(monthKey(new Date('2026-11-30T23:59:59Z'))).toBe('2026-11');
    expect(parseMonthKey('2026-02')?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(parseMonthKey('2026-13')).toBeNull();
  });
});
