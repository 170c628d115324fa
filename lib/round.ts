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

/** A number to `decimals` places, rounded half away from zero (Math.round rounds −2.5 to −2). */
export function roundHalfAwayFromZero(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
}
