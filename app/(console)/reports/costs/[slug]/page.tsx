import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { CostRow } from '@/lib/finance/cost-row';
import { monthStart, reportQuerySchema } from '@/lib/finance/report-query';
import { authorizePage, onPage } from '@/lib/server/auth/authorize';
import { costReportRows } from '@/lib/server/finance/cost-report';
import { costReportScope } from '@/lib/server/finance/cost-report-scope';
import { findMonthToDate } from '@/lib/server/finance/find-month-to-date';
import { ChainCostMonths } from './chain-cost-months';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).slug} · costs` };
}

export default async function ChainCostsPage({ params, searchParams }: Props) {
  const user = await authorizePage('costs:read');
  const { slug } = await params;
  const q = await searchParams;
  const parsed = reportQuerySchema(new Date()).safeParse({
    from: q.from || undefined,
    to: q.to || undefined,
    chain: slug,
  });
  if (!parsed.success) notFound();
  const scope = await onPage(costReportScope(user, slug));
  if (!scope) notFound();
  const readRows = async () => {
    const rows: CostRow[] = [];
    for await (const r of costReportRows({
      from: monthStart(parsed.data.from),
      to: monthStart(parsed.data.to),
      ...scope,
    }))
      rows.push(r);
    return rows;
  };
  const [rows, mtd] = await Promise.all([readRows(), findMonthToDate(slug)]);
  const exportUrl = (format: string) =>
    `/api/v1/reports/costs?${new URLSearchParams({ from: parsed.data.from, to: parsed.data.to, chain: slug, format })}`;

  return (
    <>
      <p className="text-sm">
        <Link
          href={`/reports/costs?${new URLSearchParams({ from: parsed.data.from, to: parsed.data.to })}`}
          className="text-blue-800 hover:underline"
        >
          ← All chains
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-4">
        <h1 className="text-2xl font-semibold">{rows[0]?.chainName ?? slug}: costs and margin</h1>
        <span className="ml-auto flex gap-2 text-sm">
          <a href={exportUrl('csv')} className="rounded border border-slate-300 bg-white px-3 py-1" download>
            CSV
          </a>
          <a href={exportUrl('xlsx')} className="rounded border border-slate-300 bg-white px-3 py-1" download>
            XLSX
          </a>
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {parsed.data.from} to {parsed.data.to}, USD.{' '}
        {mtd
          ? `This month so far, by Cost Explorer's daily figures: ${mtd.amount} over ${mtd.days} days.`
          : 'No daily figures for this month yet.'}
      </p>
      <ChainCostMonths rows={rows} />
    </>
  );
}
