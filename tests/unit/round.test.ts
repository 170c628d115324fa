import { describe, expect, it } from 'vitest';
import { divideHalfAwayFromZero, roundHalfAwayFromZero } from '@/lib/round';

describe('rounding half away from zero', () => {
  it('divides integers, halves going away from zero whatever the signs', () => {
    expect(divideHalfAwayFromZero(5_000n, 10_000n)).toBe(1n);
    expect(divideHalfAwayFromZero(4_999n, 10_000n)).toBe(0n);
    expect(divideHalfAwayFromZero(-5_000n, 10_000n)).toBe(-1n);
    expect(divideHalfAwayFromZero(-4_999n, 10_000n)).toBe(0n);
    expect(divideHalfAwayFromZero(5n, -2n)).toBe(-3n);
    expect(divideHalfAwayFromZero(-5n, -2n)).toBe(3n);
    expect(divideHalfAwayFromZero(7n, 3n)).toBe(2n);
    expect(divideHalfAwayFromZero(0n, 7n)).toBe(0n);
  });
  it('stays exact past the range of a float', () => {
    expect(divideHalfAwayFromZero(12_345_678_901_234_567_895n, 10n)).toBe(1_234_567_890_123_456_790n);
  });
  it('refuses to divide by zero', () => {
    expect(() => divideHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
  it('rounds numbers to decimals, a negative half away from zero where Math.round goes up', () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(Math.round(-2.5)).toBe(-2);
    expect(roundHalfAwayFromZero(12.25, 1)).toBe(12.3);
    expect(roundHalfAwayFromZero(-12.25, 1)).toBe(-12.3);
    expect(roundHalfAwayFromZero(0.1234, 3)).toBe(0.123);
  });
});

describe('figures in an API answer', () => {
  it('carry at most six decimals, whatever the nesting; integers and strings (money) stay as they are', async () => {
    const { roundFigures } = await import('@/lib/round');
    expect(
      roundFigures({
        budgetMinutes: 44.639999999997464,
        availability: 0.99976851851851,
        days: [{ leftMinutes: 29.639999999997464, n: 3 }],
        monthlyPrice: '1490.10',
        burn: null,
        ok: true,
      }),
    ).toEqual({
      budgetMinutes: 44.64,
      availability: 0.999769,
      days: [{ leftMinutes: 29.64, n: 3 }],
      monthlyPrice: '1490.10',
      burn: null,
      ok: true,
    });
  });
});
