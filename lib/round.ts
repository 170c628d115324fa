// Rounding half away from zero (2.5 → 3, −2.5 → −3), the rule for money and the percentages shown beside it,
// in one place. Money stays exact: its variant divides integers (cents, micro-dollars) as BigInt, never floats.

/** numerator / denominator as an integer, rounded half away from zero. Exact for any BigInt. */
export function divideHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/**
 * Every non-integer number in an API answer to `decimals` places (strings, money among them, untouched): a
 * figure says what it means (0.999768, 44.64), never a float's noise (44.639999999997464).
 */
export function roundFigures<T>(value: T, decimals = 6): T {
  if (typeof value === 'number') {
    return (Number.isInteger(value) ? value : roundHalfAwayFromZero(value, decimals)) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => roundFigures(v, decimals)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundFigures(v, decimals)])) as T;
  }
  return value;
}

/** A number to `decimals` places, rounded half away from zero (Math.round rounds −2.5 to −2). */
export function roundHalfAwayFromZero(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
}
