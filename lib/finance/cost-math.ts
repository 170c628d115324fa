// A report row's arithmetic in integer cents: margin = revenue − credits − cost, margin % against revenue.
import { divideHalfAwayFromZero } from '@/lib/round';
import { fromCents } from '@/lib/sla/money';
import type { CostRow } from './cost-row';

export type Buckets = { compute: bigint; database: bigint; other: bigint };
export type RowCents = Buckets & {
  cost: bigint;
  sharedShare: bigint;
  revenue: bigint;
  credits: bigint;
  margin: bigint;
};

export function costRowCents(costs: Buckets, sharedShare: bigint, revenue: bigint, credits: bigint): RowCents {
  const cost = costs.compute + costs.database + costs.other;
  return { ...costs, cost, sharedShare, revenue, credits, margin: revenue - credits - cost };
}

/** Margin as a percentage of revenue, to two decimals (half away from zero); null without revenue. */
export function marginPct(margin: bigint, revenue: bigint): number | null {
  if (revenue === 0n) return null;
  return Number(divideHalfAwayFromZero(margin * 10_000n, revenue)) / 100; // percent × 100, then percent
}

type RowHead = Pick<CostRow, 'month' | 'chain' | 'chainName' | 'tier' | 'source' | 'marginTargetPct' | 'incomplete'>;

export function fromCentsRow(head: RowHead, c: RowCents): CostRow {
  // A cost that lacks facts is a lower bound: a margin % from it would overstate the margin.
  const pct = head.incomplete ? null : marginPct(c.margin, c.revenue);
  return {
    ...head,
    compute: fromCents(c.compute),
    database: fromCents(c.database),
    other: fromCents(c.other),
    cost: fromCents(c.cost),
    sharedShare: fromCents(c.sharedShare),
    revenue: fromCents(c.revenue),
    credits: fromCents(c.credits),
    margin: fromCents(c.margin),
    marginPct: pct,
    underTarget: pct !== null && head.marginTargetPct !== null && pct < head.marginTargetPct,
  };
}
