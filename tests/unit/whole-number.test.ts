import { describe, expect, it } from 'vitest';
import { contractInputSchema } from '@/lib/sla/contract-input';
import { wholeNumber } from '@/lib/whole-number';

// The version an edit was read at, and other whole numbers from JSON or forms: a number or its digits only.
// (The fuzz spec found `"version": true` taken as version 1 by z.coerce.number().)
describe('wholeNumber', () => {
  const n = wholeNumber('a whole number');
  it('takes a number or its digits', () => {
    expect(n.parse(3)).toBe(3);
    expect(n.parse('12')).toBe(12);
    expect(n.parse(' 7 ')).toBe(7);
  });
  it.each([true, false, [60], null, '', '1.5', 1.5, -1, '1e3', {}])('refuses %j', (v) => {
    expect(n.safeParse(v).success).toBe(false);
  });
  it('is the contract version', () => {
    expect(contractInputSchema.shape.version.safeParse(true).success).toBe(false);
  });
});
