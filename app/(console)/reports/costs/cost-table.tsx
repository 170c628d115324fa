import Link from 'next/link';
import { atLeast, atMost, SourceBadge } from '@/components/ui/source-badge';
import type { CostSummary } from '@/lib/finance/dto';
import { costsHref } from './costs-links';
import type { CostsRange, CostsPageView } from './costs-links';

const th = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide';
const num = 'px-3 py-2 text-right tabular-nums';

function toShare(share: string) {
  return share !== '0.00' ? ` · incl. ${share} shared instance` : '';
}

type Props = { range: CostsRange; view: CostsPageView; summary: CostSummary };

/** One page of the report's chains, sortable by chain, cost and margin %, with the fleet's totals. */
export function CostTable({ range, view, summary }: Props) {
  const qs = (patch: Record<string, string | number>) => costsHref(range, view, patch);
  const t = summary.totals;
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="cost-table">
        <caption className="sr-only">
          Cost, revenue, credits and margin per chain from {range.from} to {range.to}
        </caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              <Link href={qs({ sort: 'name', page: 1 })}>Chain</Link>
            </th>
            <th scope="col" className={th}>
              Source
            </th>
            <th scope="col" className={`${th} text-right`}>
              Compute
            </th>
            <th scope="col" className={`${th} text-right`}>
              Database
            </th>
            <th scope="col" className={`${th} text-right`}>
              Other
            </th>
            <th scope="col" className={`${th} text-right`}>
              <Link href={qs({ sort: 'cost', page: 1 })}>Cost</Link>
            </th>
            <th scope="col" className={`${th} text-right`}>
              Revenue
            </th>
            <th scope="col" className={`${th} text-right`}>
              Credits
            </th>
            <th scope="col" className={`${th} text-right`}>
              Margin
            </th>
            <th scope="col" className={`${th} text-right`}>
              <Link href={qs({ sort: 'margin', page: 1 })}>Margin %</Link>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {summary.chains.rows.length === 0 && (
            <tr>
              <td colSpan={10} className="px-3 py-6 text-center text-slate-500">
                No cost in this range.
              </td>
            </tr>
          )}
          {summary.chains.rows.map((r) => {
            const under = r.marginPct !== null && r.marginTargetPct !== null && r.marginPct < r.marginTargetPct;
            return (
              <tr key={r.chain ?? 'untagged'} data-testid={`cost-row-${r.chain ?? 'untagged'}`}>
                <td className="px-3 py-2">
                  {r.chain ? (
                    <Link
                      href={`/reports/costs/${r.chain}?${new URLSearchParams({ from: range.from, to: range.to })}`}
                      className="font-medium text-blue-800 hover:underline"
                    >
                      {r.chainName}
                    </Link>
                  ) : (
                    <span className="font-medium">Untagged cost</span>
                  )}
                  <span className="block text-xs text-slate-500">
                    {r.tier ?? 'no chain tag'}
                    {toShare(r.sharedShare)}
                  </span>
                </td>
                <td className="px-3 py-2">
                  <SourceBadge source={r.source} incomplete={r.incomplete} />
                </td>
                <td className={num}>{r.compute}</td>
                <td className={num}>{r.database}</td>
                <td className={num}>{r.other}</td>
                <td className={`${num} font-medium`}>{atLeast(r.cost, r.incomplete)}</td>
                <td className={num}>{r.revenue}</td>
                <td className={num}>{r.credits}</td>
                <td className={num}>{atMost(r.margin, r.incomplete)}</td>
                <td className={`${num} ${under ? 'font-medium text-bad' : ''}`} data-testid="margin-pct">
                  {r.marginPct === null ? '—' : `${r.marginPct.toFixed(2)} %`}
                  {under && <span className="block text-xs">under the {r.marginTargetPct} % target</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="bg-slate-50 font-semibold">
          <tr data-testid="cost-total-row">
            <th scope="row" className="px-3 py-2 text-left">
              Total ({summary.chains.total} rows)
            </th>
            <td>
              {summary.totals.incompleteChains > 0 && (
                <span className="block text-xs font-normal text-bad" data-testid="cost-total-incomplete">
                  {summary.totals.incompleteChains} incomplete
                </span>
              )}
            </td>
            <td className={num}>{t.compute}</td>
            <td className={num}>{t.database}</td>
            <td className={num}>{t.other}</td>
            <td className={num}>{atLeast(t.cost, t.incompleteChains)}</td>
            <td className={num}>{t.revenue}</td>
            <td className={num}>{t.credits}</td>
            <td className={num}>{atMost(t.margin, t.incompleteChains)}</td>
            <td className={num}>{t.marginPct === null ? '—' : `${t.marginPct.toFixed(2)} %`}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
