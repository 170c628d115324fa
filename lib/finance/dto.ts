// What the finance pages hand out, on the server and in client components alike: plain data, money as decimal
// strings (USD, two decimals), percentages as numbers. The report's row itself is CostRow (cost-row.ts).
import type { CostTotals } from './cost-row';

/** One chain's line of the cost report over a range (or the untagged cost's, with chain null). */
export type ChainCostSummary = CostTotals & {
  chain: string | null;
  chainName: string;
  tier: string | null;
  months: number;
  /** actual, estimated, or mixed over the range. */
  source: 'actual' | 'estimated' | 'mixed';
  /** Months of the range whose estimate lacks facts, and why the first did; its cost is then a lower bound. */
  incompleteMonths: number;
  incomplete: string | null;
  /** Null without revenue, or when a month's cost is incomplete. */
  marginPct: number | null;
  marginTargetPct: number | null;
  monthsUnderTarget: number;
};

export type CostSummary = {
  chains: { rows: ChainCostSummary[]; total: number; page: number; size: number };
  /** marginPct is null when some chain's cost is incomplete; `incompleteChains` says how many. */
  totals: CostTotals & { marginPct: number | null; incompleteChains: number };
  /** The five costliest chains' cost per month, for the trend chart. */
  trend: { chains: { slug: string; name: string }[]; points: Record<string, number | string>[] };
};

/** The newest finished cost ingestion, for "cost data as of". */
export type LastCostIngest = { finishedAt: string; lines: number; error: string | null };

/** This month's cost so far by Cost Explorer's daily figures. */
export type MonthToDate = { amount: string; days: number };

/** A price catalog entry as the settings page lists it. */
export type PriceDto = { kind: string; region: string; sku: string; unitPrice: string };
