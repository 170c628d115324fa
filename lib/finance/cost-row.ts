// One chain and month of the finance report, and the stable columns of its exports.

export type CostSource = 'actual' | 'estimated';

export type CostRow = {
  month: string;
  /** Null for the untagged row (cost no chain tag covers). */
  chain: string | null;
  chainName: string;
  tier: string | null;
  source: CostSource;
  /**
   * Why an estimated month lacks facts (the deployment not read yet, a price missing from the catalog), or null.
   * The cost then counts only what could be priced (a lower bound), and margin % is null: never a price of 0.
   */
  incomplete: string | null;
  /** USD, two decimals. */
  compute: string;
  database: string;
  other: string;
  cost: string;
  /** Of the cost, this chain's share of a shared database instance (split equally between its chains). */
  sharedShare: string;
  revenue: string;
  credits: string;
  margin: string;
  /** Margin as a percentage of revenue; null without revenue or with an incomplete cost. */
  marginPct: number | null;
  marginTargetPct: number | null;
  underTarget: boolean;
};

export const REPORT_CURRENCY = 'USD';

// The export columns, in order: documented in the README; append only, never reorder.
export const costColumns = [
  ['month', 'Month (UTC), YYYY-MM'],
  ['chain', 'Chain slug; empty for untagged cost'],
  ['chain_name', 'Chain name'],
  ['tier', 'SLA tier key'],
  ['cost_source', 'actual (Cost Explorer) or estimated (price catalog)'],
  ['cost_compute', 'EC2 compute, USD'],
  ['cost_database', 'RDS instance, storage and backup, USD'],
  ['cost_other', 'Everything else, USD'],
  ['cost_total', 'Sum of the three, USD'],
  ['cost_shared_share', 'Of cost_total: the share of a shared RDS instance, USD'],
  ['revenue', 'Contract price plus upgrades for the month, USD'],
  ['sla_credits', 'SLA credit owed for the month, USD'],
  ['margin', 'revenue - sla_credits - cost_total, USD'],
  ['margin_pct', 'margin / revenue x 100, two decimals; empty without revenue'],
  ['margin_target_pct', "The contract's margin target"],
  ['under_target', 'true when margin_pct is below the target'],
  ['currency', 'Currency of every amount: USD'],
  [
    'cost_incomplete',
    'Why an estimated cost lacks facts (it then counts only what could be priced); empty when complete',
  ],
] as const;

export function costRowValues(r: CostRow): (string | number | null)[] {
  return [
    r.month,
    r.chain ?? '',
    r.chainName,
    r.tier ?? '',
    r.source,
    r.compute,
    r.database,
    r.other,
    r.cost,
    r.sharedShare,
    r.revenue,
    r.credits,
    r.margin,
    r.marginPct === null ? null : r.marginPct.toFixed(2),
    r.marginTargetPct === null ? null : r.marginTargetPct.toFixed(2),
    r.underTarget ? 'true' : 'false',
    REPORT_CURRENCY,
    r.incomplete ?? '',
  ];
}

export type CostTotals = Pick<
  CostRow,
  'compute' | 'database' | 'other' | 'cost' | 'sharedShare' | 'revenue' | 'credits' | 'margin'
>;
export const totalFields = [
  'compute',
  'database',
  'other',
  'cost',
  'sharedShare',
  'revenue',
  'credits',
  'margin',
] as const;
