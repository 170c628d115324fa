import { describe, expect, it } from 'vitest';
import { fromCents, percentOf, sumMoney, toCents } from '@/lib/sla/money';

describe('money', () => {
  it('is exact where floats are not', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(fromCents(toCents('-12.5'))).toBe('-12.50');
  });
  it('refuses what is not an amount', () => {
    expect(() => toCents('1e3')).toThrow();
    expect(() => toCents('1.005')).toThrow();
  });
  it('takes percentages rounding half away from zero', () => {
    expect(percentOf('100.00', 33.33)).toBe('33.33');
    expect(percentOf('0.01', 50)).toBe('0.01');
    expect(percentOf('-0.01', 50)).toBe('-0.01');
  });
});
