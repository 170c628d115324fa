import 'server-only';
import type { CostRow } from '@/lib/finance/cost-row';
import type { ChainCostSummary, CostSummary } from '@/lib/finance/dto';
import { marginPct } from '@/lib/finance/cost-math';
import { toCents } from '@/lib/sla/money';
import { costReportRows } from './cost-report';
import type { CostReportQuery } from './cost-report';
import { addToTotals, emptyTotals, totalsAsMoney } from './export-costs';
import { cachedReport } from './report-cache';

export const costSortValues = ['margin', 'cost', 'name'] as const;

/** The report over a range, per chain (one page of them, sorted) with fleet totals and the charts' series. */
export async function findCostSummary(
  query: CostReportQuery,
  view: { sort: (typeof costSortValues)[number]; page: number; size: number },
): Promise<CostSummary> {
  const all = await cachedReport(
    `summary:${query.from.toISOString()}:${query.to.toISOString()}:${query.managerId ?? ''}:${query.chain ?? ''}`,
    () => summarize(query),
  );
  const order = {
    margin: (a: ChainCostSummary, b: ChainCostSummary) => (a.marginPct ?? Infinity) - (b.marginPct ?? Infinity),
    cost: (a: ChainCostSummary, b: ChainCostSummary) => Number(toCents(b.cost) - toCents(a.cost)),
    name: (a: ChainCostSummary, b: ChainCostSummary) => a.chainName.localeCompare(b.chainName),
  }[view.sort];
  const sorted = [...all.summaries].sort((a, b) => order(a, b) || a.chainName.localeCompare(b.chainName));
  return {
    ...all.rest,
    chains: {
      rows: sorted.slice((view.page - 1) * view.size, view.page * view.size),
      total: sorted.length,
      page: view.page,
      size: view.size,
    },
  };
}

async function summarize(
  query: CostReportQuery,
): Promise<{ summaries: ChainCostSummary[]; rest: Omit<CostSummary, 'chains'> }> {
  const perChain = new Map<
    string,
    {
      head: CostRow;
      totals: ReturnType<typeof emptyTotals>;
      months: number;
      sources: Set<string>;
      under: number;
      incomplete: string[];
    }
  >();
  const monthsSeen = new Set<string>();
  const perChainMonth = new Map<string, Map<string, bigint>>();
  const fleet = emptyTotals();
  for await (const row of costReportRows(query)) {
    const id = row.chain ?? '';
    const entry = perChain.get(id) ?? {
      head: row,
      totals: emptyTotals(),
      months: 0,
      sources: new Set<string>(),
      under: 0,
      incomplete: [],
    };
    if (row.incomplete) entry.incomplete.push(row.incomplete);
    addToTotals(entry.totals, row);
    entry.months += 1;
    entry.sources.add(row.source);
    if (row.underTarget) entry.under += 1;
    perChain.set(id, entry);
    monthsSeen.add(row.month);
    addToTotals(fleet, row);
    if (row.chain) {
      const byMonth = perChainMonth.get(row.chain) ?? new Map<string, bigint>();
      byMonth.set(row.month, toCents(row.cost));
      perChainMonth.set(row.chain, byMonth);
    }
  }
  const summaries: ChainCostSummary[] = [...perChain.values()].map(
    ({ head, totals, months, sources, under, incomplete }) => ({
      ...totalsAsMoney(totals),
      chain: head.chain,
      chainName: head.chainName,
      tier: head.tier,
      months,
      source: sources.size > 1 ? 'mixed' : (head.source as 'actual' | 'estimated'),
      incompleteMonths: incomplete.length,
      incomplete: incomplete[0] ?? null,
      marginPct: incomplete.length ? null : marginPct(totals.margin, totals.revenue),
      marginTargetPct: head.marginTargetPct,
      monthsUnderTarget: under,
    }),
  );
  const months = [...monthsSeen].sort();
  const incompleteChains = summaries.filter((s) => s.incompleteMonths > 0).length;
  const top = [...summaries]
    .filter((s) => s.chain)
    .sort((a, b) => Number(toCents(b.cost) - toCents(a.cost)))
    .slice(0, 5);
  return {
    summaries,
    rest: {
      totals: {
        ...totalsAsMoney(fleet),
        marginPct: incompleteChains ? null : marginPct(fleet.margin, fleet.revenue),
        incompleteChains,
      },
      trend: {
        chains: top.map((t) => ({ slug: t.chain!, name: t.chainName })),
        points: months.map((m) => ({
          month: m,
          ...Object.fromEntries(top.map((t) => [t.chain!, Number(perChainMonth.get(t.chain!)?.get(m) ?? 0n) / 100])),
        })),
      },
    },
  };
}
