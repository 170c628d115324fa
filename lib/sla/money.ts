// Money is exact: amounts travel as decimal strings ("1490.00") and are computed in integer cents
// (BigInt), rounded once, half away from zero, to the cent. Never a float.
import { divideHalfAwayFromZero } from '@/lib/round';

const MONEY = /^-?\d{1,10}(\.\d{1,2})?$/;

function isMoney(value: string): boolean {
  return MONEY.test(value);
}

export function toCents(value: string): bigint {
  if (!isMoney(value)) throw new Error(`Not an amount of money: "${value}"`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const cents = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function sumMoney(values: string[]): string {
  return fromCents(values.reduce((total, v) => total + toCents(v), 0n));
}

/** `amount × pct / 100`, pct with at most two decimals, rounded half away from zero to the cent. */
export function percentOf(amount: string, pct: number): string {
  const basis = Math.round(pct * 100);
  if (Math.abs(pct * 100 - basis) > 1e-9) throw new Error(`A percentage has at most two decimals: ${pct}`);
  return fromCents(divideHalfAwayFromZero(toCents(amount) * BigInt(basis), 10_000n));
}
