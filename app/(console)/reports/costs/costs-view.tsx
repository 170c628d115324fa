import Link from 'next/link';
import type { CostSummary, LastCostIngest } from '@/lib/finance/dto';
import { formatUtc } from '@/lib/format';
import { CostCharts } from './cost-charts';
import { CostTable } from './cost-table';
import { costsExportHref, costsHref } from './costs-links';
import type { CostsPageView, CostsRange } from './costs-links';
import { IngestButton } from './ingest-button';
import { RangeForm } from './range-form';

type Props = {
  range: CostsRange;
  view: CostsPageView;
  /** Why the range in the address was ignored; null when it was understood. */
  rangeProblem: string | null;
  summary: CostSummary;
  lastIngest: LastCostIngest | null;
  pages: number;
  /** The viewer sees only their own chains (an account manager). */
  ownChainsOnly: boolean;
  canIngest: boolean;
};

const button = 'rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800';

/** The report over a range: exports, freshness, fleet totals, the charts, one page of chains. */
export function CostsView({ range, view, rangeProblem, summary, lastIngest, pages, ownChainsOnly, canIngest }: Props) {
  const t = summary.totals;
  return (
    <>
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="text-2xl font-semibold">Costs and margin</h1>
        <RangeForm from={range.from} to={range.to} />
        <span className="ml-auto flex items-center gap-2 text-sm">
          <a href={costsExportHref(range, 'csv')} className={button} download>
            Download CSV
          </a>
          <a href={costsExportHref(range, 'xlsx')} className={button} download>
            Download XLSX
          </a>
        </span>
      </div>
      {rangeProblem !== null && (
        <p role="status" className="mt-2 text-sm text-warn">
          The range in the address was not understood ({rangeProblem}): showing the last 12 months.
        </p>
      )}
      <p className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        {ownChainsOnly ? 'Your chains only. ' : ''}All amounts in USD. Cost data as of{' '}
        {lastIngest ? formatUtc(lastIngest.finishedAt) : 'never (not read yet)'}
        {lastIngest?.error && <span className="text-warn">; some accounts failed: {lastIngest.error}</span>}.
        {canIngest && <IngestButton />}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="cost-totals">
        {[
          ['Cost', t.cost],
          ['Revenue', t.revenue],
          ['SLA credits', t.credits],
          ['Margin', t.margin],
          ['Margin %', t.marginPct === null ? '—' : `${t.marginPct.toFixed(2)} %`],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <CostCharts
        trend={summary.trend}
        margins={summary.chains.rows
          .filter((r) => r.chain)
          .map((r) => ({ name: r.chainName, marginPct: r.marginPct, target: r.marginTargetPct }))}
      />
      <CostTable range={range} view={view} summary={summary} />
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          {view.page > 1 && <Link href={costsHref(range, view, { page: view.page - 1 })}>← Previous</Link>}
          <span>
            Page {view.page} of {pages}
          </span>
          {view.page < pages && <Link href={costsHref(range, view, { page: view.page + 1 })}>Next →</Link>}
        </nav>
      )}
    </>
  );
}
