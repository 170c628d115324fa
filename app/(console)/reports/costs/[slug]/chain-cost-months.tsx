import { atLeast, atMost, SourceBadge } from '@/components/ui/source-badge';
import type { CostRow } from '@/lib/finance/cost-row';

const num = 'px-3 py-2 text-right tabular-nums';

/** One chain's report, a row per month. */
export function ChainCostMonths({ rows }: { rows: CostRow[] }) {
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="chain-cost-months">
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            {[
              'Month',
              'Source',
              'Compute',
              'Database',
              'Other',
              'Cost',
              'Revenue',
              'Credits',
              'Margin',
              'Margin %',
            ].map((h, i) => (
              <th key={h} scope="col" className={`px-3 py-2 ${i > 1 ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.month}>
              <td className="px-3 py-2">{r.month}</td>
              <td className="px-3 py-2">
                <SourceBadge source={r.source} incomplete={r.incomplete} />
              </td>
              <td className={num}>{r.compute}</td>
              <td className={num}>
                {r.database}
                {r.sharedShare !== '0.00' && (
                  <span className="block text-xs text-slate-500">incl. {r.sharedShare} shared</span>
                )}
              </td>
              <td className={num}>{r.other}</td>
              <td className={`${num} font-medium`}>{atLeast(r.cost, r.incomplete)}</td>
              <td className={num}>{r.revenue}</td>
              <td className={num}>{r.credits}</td>
              <td className={num}>{atMost(r.margin, r.incomplete)}</td>
              <td className={`${num} ${r.underTarget ? 'font-medium text-bad' : ''}`}>
                {r.marginPct === null ? '—' : `${r.marginPct.toFixed(2)} %`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
