// Splits an amount in cents between parties by weight so the parts sum to it exactly: each gets the floor
// of its share, and the cents left go one each to the largest remainders (ties: the earlier party).
export function splitCents(total: bigint, weights: number[]): bigint[] {
  if (weights.length === 0) return [];
  const w = weights.map((x) => BigInt(Math.max(0, Math.round(x * 1000))));
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n)
    return splitCents(
      total,
      weights.map(() => 1),
    );
  const sign = total < 0n ? -1n : 1n;
  const abs = total * sign;
  const base = w.map((x) => (abs * x) / sum);
  const rest = w.map((x, i) => ({ i, r: (abs * x) % sum }));
  let left = abs - base.reduce((a, b) => a + b, 0n);
  for (const { i } of rest.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i))) {
    if (left === 0n) break;
    base[i]! += 1n;
    left -= 1n;
  }
  return base.map((x) => x * sign);
}
