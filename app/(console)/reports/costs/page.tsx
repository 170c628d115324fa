import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { formatUtc } from '@/lib/format';
import { monthStart, reportQuerySchema } from '@/lib/finance/report-query';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { costSortValues, findCostSummary } from '@/lib/server/finance/find-cost-summary';
import { findLastCostIngest } from '@/lib/server/finance/ingest-costs';
import { SourceBadge } from '@/components/ui/source-badge';
import { CostCharts } from './cost-charts';
import { IngestButton } from './ingest-button';
import { RangeForm } from './range-form';

export const metadata: Metadata = { title: 'Costs and margin' };

const PAGE_SIZE = 50;
const viewSchema = z.object({
  sort: z.enum(costSortValues).catch('margin'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | undefined>> };

const th = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide';
const num = 'px-3 py-2 text-right tabular-nums';

export default async function CostsPage({ searchParams }: Props) {
  const user = await authorizePage('costs:read');
  const params = await searchParams;
  const now = new Date();
  const parsed = reportQuerySchema(now).safeParse({ from: params.from || undefined, to: params.to || undefined });
  const range = parsed.success ? parsed.data : reportQuerySchema(now).parse({});
  const view = viewSchema.parse(params);
  const managerId = user.role === 'account_manager' ? user.id : null;
  const [summary, lastIngest] = await Promise.all([
    findCostSummary(
      { from: monthStart(range.from), to: monthStart(range.to), managerId },
      { ...view, size: PAGE_SIZE },
    ),
    findLastCostIngest(),
  ]);
  const qs = (patch: Record<string, string | number>) =>
    `/reports/costs?${new URLSearchParams({ from: range.from, to: range.to, sort: view.sort, page: String(view.page), ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, String(v)])) })}`;
  const exportUrl = (format: string) =>
    `/api/v1/reports/costs?${new URLSearchParams({ from: range.from, to: range.to, format })}`;
  const t = summary.totals;
  const pages = Math.max(1, Math.ceil(summary.chains.total / PAGE_SIZE));

  return (
    <>
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="text-2xl font-semibold">Costs and margin</h1>
        <RangeForm from={range.from} to={range.to} />
        <span className="ml-auto flex items-center gap-2 text-sm">
          <a
            href={exportUrl('csv')}
            className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800"
            download
          >
            Download CSV
          </a>
          <a
            href={exportUrl('xlsx')}
            className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800"
            download
          >
            Download XLSX
          </a>
        </span>
      </div>
      {!parsed.success && (
        <p role="status" className="mt-2 text-sm text-warn">
          The range in the address was not understood ({parsed.error.issues.map((i) => i.message).join('; ')}): showing
          the last 12 months.
        </p>
      )}
      <p className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        {managerId ? 'Your chains only. ' : ''}All amounts in USD. Cost data as of{' '}
        {lastIngest ? formatUtc(lastIngest.finishedAt) : 'never (not read yet)'}
        {lastIngest?.error && <span className="text-warn">; some accounts failed: {lastIngest.error}</span>}.
        {can(user.role, 'costs:ingest') && <IngestButton />}
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
                    <SourceBadge source={r.source} />
                  </td>
                  <td className={num}>{r.compute}</td>
                  <td className={num}>{r.database}</td>
                  <td className={num}>{r.other}</td>
                  <td className={`${num} font-medium`}>{r.cost}</td>
                  <td className={num}>{r.revenue}</td>
                  <td className={num}>{r.credits}</td>
                  <td className={num}>{r.margin}</td>
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
              <td />
              <td className={num}>{t.compute}</td>
              <td className={num}>{t.database}</td>
              <td className={num}>{t.other}</td>
              <td className={num}>{t.cost}</td>
              <td className={num}>{t.revenue}</td>
              <td className={num}>{t.credits}</td>
              <td className={num}>{t.margin}</td>
              <td className={num}>{t.marginPct === null ? '—' : `${t.marginPct.toFixed(2)} %`}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          {view.page > 1 && <Link href={qs({ page: view.page - 1 })}>← Previous</Link>}
          <span>
            Page {view.page} of {pages}
          </span>
          {view.page < pages && <Link href={qs({ page: view.page + 1 })}>Next →</Link>}
        </nav>
      )}
    </>
  );
}

function toShare(share: string) {
  return share !== '0.00' ? ` · incl. ${share} shared instance` : '';
}
