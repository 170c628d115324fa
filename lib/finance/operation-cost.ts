// The monthly cost change an operation's dialog shows, from the price catalog's hourly prices (USD, an
// estimate for the engineer about to confirm, not a bill). Pure, so it is unit-tested by hand-worked sums.
import type { OperationFacts } from '@/lib/operations/operation-facts';

export const HOURS_PER_MONTH = 730;

type Prices = OperationFacts['prices'];

const rdsHourly = (prices: Prices, cls: string | null | undefined) => (cls ? prices.rds[cls] : undefined);

/** A new database class: the hourly difference, twice with a standby. */
export function classChange(prices: Prices, from: string | null, to: string | undefined, multiAz: boolean | null) {
  const a = rdsHourly(prices, from);
  const b = rdsHourly(prices, to);
  return a === undefined || b === undefined ? undefined : (b - a) * (multiAz ? 2 : 1) * HOURS_PER_MONTH;
}

/** A standby added (+) or removed (−): a second instance of the class and a second copy of the storage. */
export function multiAzChange(prices: Prices, cls: string | null, storageGb: number | null, enable: boolean) {
  const hourly = rdsHourly(prices, cls);
  if (hourly === undefined) return undefined;
  const storage = (storageGb ?? 0) * (prices.storageGbMonth ?? 0);
  return (enable ? 1 : -1) * (hourly * HOURS_PER_MONTH + storage);
}

/** More allocated storage, twice with a standby. */
export function storageChange(prices: Prices, fromGb: number | null, toGb: number, multiAz: boolean | null) {
  return prices.storageGbMonth === null
    ? undefined
    : (toGb - (fromGb ?? 0)) * prices.storageGbMonth * (multiAz ? 2 : 1);
}

/** A new app instance type. */
export function appTypeChange(prices: Prices, from: string | null, to: string | undefined) {
  const a = from ? prices.ec2[from] : undefined;
  const b = to ? prices.ec2[to] : undefined;
  return a === undefined || b === undefined ? undefined : (b - a) * HOURS_PER_MONTH;
}

/** A dedicated instance of a class with its storage, or undefined when the catalog has no price for it. */
export function dedicatedInstanceCost(prices: Prices, cls: string, storageGb: number) {
  const hourly = rdsHourly(prices, cls);
  return hourly === undefined ? undefined : hourly * HOURS_PER_MONTH + storageGb * (prices.storageGbMonth ?? 0);
}

/** "+12.34 USD a month (catalog prices)", or why it is unknown. */
export function describeMonthlyChange(delta: number | undefined): string {
  if (delta === undefined || Number.isNaN(delta))
    return 'unknown: the price catalog has no price for this class or type';
  return `${delta >= 0 ? '+' : '\u2212'}${Math.abs(delta).toFixed(2)} USD a month (catalog prices)`;
}
