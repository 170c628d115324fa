import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatPct, formatUtc } from '@/lib/format';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findSlaReport } from '@/lib/server/sla/find-sla-report';
import { MONEY_HIDDEN_NOTE } from '@/lib/sla/dto';
import { formatMinutes, formatMoney } from '@/lib/sla/sla-format';
import { monthKey, monthStartUtc, parseMonthKey } from '@/lib/sla/sla-math';
import { ChainTabs } from '../chain-tabs';
import { PrintButton } from './print-button';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ month?: string }> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  return { title: `SLA report ${(await params).slug} ${(await searchParams).month ?? ''}`.trim() };
}

function recentMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))),
  );
}

export default async function SlaReportPage({ params, searchParams }: Props) {
  const viewer = await authorizePage('fleet:read');
  const { slug } = await params;
  const asked = (await searchParams).month;
  const now = new Date();
  const start = (asked && parseMonthKey(asked)) || monthStartUtc(now);
  const report = await findSlaReport(slug, start > now ? monthStartUtc(now) : start, viewer, now);
  if (!report) notFound();
  const { sli } = report;

  return (
    <>
      <div className="print:hidden">
        <ChainTabs slug={slug} current="report" />
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <span>Month:</span>
          {recentMonths(now, 6).map((m) => (
            <Link
              key={m}
              href={`/chains/${slug}/report?month=${m}`}
              aria-current={m === report.month ? 'page' : undefined}
              className={`rounded px-2 py-1 ${m === report.month ? 'bg-blue-700 text-white' : 'bg-white ring-1 ring-slate-200'}`}
            >
              {m}
            </Link>
          ))}
          <span className="ml-auto">
            <PrintButton />
          </span>
        </div>
        {asked && !parseMonthKey(asked) && (
          <p className="mt-2 text-sm text-warn">
            &ldquo;{asked}&rdquo; is not a month (YYYY-MM): showing {report.month}.
          </p>
        )}
      </div>

      <article
        className="mx-auto mt-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-8 print:mt-0 print:border-0 print:p-0"
        data-testid="sla-report"
      >
        <header className="border-b border-slate-200 pb-4">
          <p className="text-xs uppercase tracking-wide text-slate-500">Service level report</p>
          <h1 className="text-2xl font-semibold">{report.chain.name}</h1>
          <p className="text-sm text-slate-600">
            {report.month} (UTC){report.partial && ', month to date'} · {report.tier.name} service level, availability
            target {report.tier.targetPct} %
          </p>
        </header>

        <section aria-labelledby="r-availability" className="mt-6">
          <h2 id="r-availability" className="font-semibold">
            Availability
          </h2>
          <p className="mt-1 text-3xl font-semibold" data-testid="report-availability">
            {sli.availability === null ? 'Not measured' : formatPct(sli.availability)}
          </p>
          <p className="text-sm text-slate-600">
            {report.targetMet === null
              ? 'No measurement in this period.'
              : report.targetMet
                ? 'Target met.'
                : 'Target missed.'}{' '}
            Measured over {formatPct(sli.measuredShare, 1)} of the period ({formatMinutes(sli.unmeasuredMinutes)}{' '}
            unmeasured, counted neither as available nor as unavailable). Error budget:{' '}
            {formatMinutes(report.budget.budgetMinutes)}, spent {formatMinutes(report.budget.spentMinutes)}.
          </p>
        </section>

        <section aria-labelledby="r-incidents" className="mt-6">
          <h2 id="r-incidents" className="font-semibold">
            Incidents
          </h2>
          {report.incidents.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">None: the service was healthy whenever it was measured.</p>
          ) : (
            <table className="mt-1 w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col">Began</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">Unavailable</th>
                </tr>
              </thead>
              <tbody>
                {report.incidents.map((i) => (
                  <tr key={i.start}>
                    <td>{formatUtc(i.start)}</td>
                    <td>{i.end ? formatUtc(i.end) : 'ongoing'}</td>
                    <td>{formatMinutes(i.badMinutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="r-credit" className="mt-6">
          <h2 id="r-credit" className="font-semibold">
            Service credit
          </h2>
          <p className="mt-1 text-sm" data-testid="report-credit">
            {report.moneyHidden
              ? report.credit.reason === 'band' &&
                `${report.credit.creditPct} % of the monthly fee. ${MONEY_HIDDEN_NOTE}`
              : report.credit.reason === 'band' &&
                `${formatMoney(report.credit.amount, report.credit.currency)}: ${report.credit.creditPct} % of the monthly fee of ${formatMoney(report.credit.base, report.credit.currency)}.`}
            {report.credit.reason === 'unmeasured' && 'No credit computed: the period was not measured.'}
            {report.credit.reason === 'met' && 'None: the availability target was met.'}
            {report.partial && ' Final at the end of the month.'}
          </p>
        </section>

        <section aria-labelledby="r-conformance" className="mt-6">
          <h2 id="r-conformance" className="font-semibold">
            Infrastructure against the service level
          </h2>
          {report.findings.length === 0 ? (
            <p className="mt-1 text-sm">Your deployment provides everything your service level includes.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {report.findings.map((f) => (
                <li key={f.rule}>
                  {f.title}: promised {f.promised}; in place {f.deployed}
                  {f.since && ` (since ${formatUtc(f.since)})`}.
                </li>
              ))}
            </ul>
          )}
        </section>
        <footer className="mt-8 border-t border-slate-200 pt-3 text-xs text-slate-500">
          Generated {formatUtc(report.generatedAt)}. Availability is the share of measured 5-minute intervals in which
          the service&apos;s health check passed.
        </footer>
      </article>
    </>
  );
}
