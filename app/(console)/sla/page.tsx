import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { formatPct } from '@/lib/format';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findSlaFleet, slaSortValues } from '@/lib/server/sla/find-sla-fleet';
import type { SlaRow } from '@/lib/sla/dto';
import { formatBurn, formatMinutes, formatMoney } from '@/lib/sla/sla-format';
import { Renewals } from './renewals';

export const metadata: Metadata = { title: 'SLA health' };

const PAGE_SIZE = 50;
const querySchema = z.object({
  scope: z.enum(['mine', 'all']).optional(),
  sort: z.enum(slaSortValues).catch('budget'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const th = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide';

export default async function SlaPage({ searchParams }: Props) {
  const user = await authorizePage('fleet:read');
  const query = querySchema.parse(await searchParams);
  // An account manager starts with their own chains; everyone may look at the whole fleet.
  const scope = query.scope ?? (user.role === 'account_manager' ? 'mine' : 'all');
  const sla = await findSlaFleet({
    managerId: scope === 'mine' ? user.id : null,
    viewer: user,
    sort: query.sort,
    page: query.page,
    size: PAGE_SIZE,
  });
  const href = (patch: Partial<{ scope: string; sort: string; page: number }>) => {
    const p = new URLSearchParams({
      scope,
      sort: query.sort,
      page: String(query.page),
      ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, String(v)])),
    });
    return `/sla?${p.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(sla.total / PAGE_SIZE));

  return (
    <>
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="text-2xl font-semibold">SLA health</h1>
        <nav aria-label="Scope" className="flex gap-1 text-sm">
          {(['mine', 'all'] as const).map((s) => (
            <Link
              key={s}
              href={href({ scope: s, page: 1 })}
              aria-current={scope === s ? 'page' : undefined}
              className={`rounded px-2 py-1 ${scope === s ? 'bg-blue-700 text-white' : 'bg-white ring-1 ring-slate-200'}`}
            >
              {s === 'mine' ? 'My chains' : 'Whole fleet'}
            </Link>
          ))}
        </nav>
        <p className="ml-auto text-sm text-slate-600">
          This month (UTC) so far. Unmeasured time is not counted as up or down.
        </p>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Summary">
        {[
          ['Chains', sla.totals.chains],
          ['Below target this month', sla.totals.belowTarget],
          ['Burning budget (page / ticket, this page)', `${sla.totals.paging} / ${sla.totals.ticketing}`],
          ['Nothing measured this month', sla.totals.unmeasured],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="sla-table">
          <caption className="sr-only">SLA health per chain, this month</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={th}>
                <Link href={href({ sort: 'name', page: 1 })}>Chain</Link>
              </th>
              <th scope="col" className={th}>
                Target
              </th>
              <th scope="col" className={th}>
                <Link href={href({ sort: 'availability', page: 1 })}>Month</Link>
              </th>
              <th scope="col" className={th}>
                30 days
              </th>
              <th scope="col" className={th}>
                <Link href={href({ sort: 'budget', page: 1 })}>Error budget left</Link>
              </th>
              <th scope="col" className={th}>
                Burn 1 h
              </th>
              <th scope="col" className={th}>
                Credit owed
              </th>
              <th scope="col" className={th}>
                Contract
              </th>
              <th scope="col" className={th}>
                <Link href={href({ sort: 'renewal', page: 1 })}>Renews</Link>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sla.rows.length === 0 && (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
                  {scope === 'mine' ? 'You manage no chain.' : 'No chain.'}
                </td>
              </tr>
            )}
            {sla.rows.map((r) => {
              const below = r.month.availability !== null && r.month.budget.leftMinutes < 0;
              return (
                <tr key={r.slug} data-testid={`sla-row-${r.slug}`}>
                  <td className="px-3 py-2">
                    <Link href={`/chains/${r.slug}/sla`} className="font-medium text-blue-800 hover:underline">
                      {r.name}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {r.tier.name}
                      {r.accountManager && ` · ${r.accountManager}`}
                    </span>
                  </td>
                  <td className="px-3 py-2">{r.tier.targetPct} %</td>
                  <td className="px-3 py-2" data-testid="month-availability">
                    {r.month.availability === null ? (
                      <span className="text-slate-500">unmeasured</span>
                    ) : (
                      formatPct(r.month.availability)
                    )}
                    <span className="block text-xs text-slate-500">{formatPct(r.month.measuredShare, 0)} measured</span>
                  </td>
                  <td className="px-3 py-2">
                    {r.last30Days.availability === null ? '—' : formatPct(r.last30Days.availability)}
                  </td>
                  <td className={`px-3 py-2 ${below ? 'font-medium text-bad' : ''}`} data-testid="budget-left">
                    {formatMinutes(r.month.budget.leftMinutes)}
                    <span className="block text-xs">
                      {formatPct(r.month.budget.leftShare, 0)} of {formatMinutes(r.month.budget.budgetMinutes)}
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    {formatBurn(r.burn1h)}
                    {r.alert && (
                      <span
                        className={`ml-1 rounded px-1.5 py-0.5 text-xs font-medium ${r.alert === 'page' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-900'}`}
                      >
                        {r.alert}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2" data-testid="credit">
                    <CreditCell row={r} />
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {r.findings.under > 0 && <span className="block text-bad">{r.findings.under} under</span>}
                    {r.findings.over > 0 && <span className="block text-warn">{r.findings.over} over</span>}
                    {!r.findings.read && <span className="text-slate-600">not read yet</span>}
                    {r.findings.read && !r.findings.under && !r.findings.over && (
                      <span className="text-ok">conforms</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{r.contractEnd ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {sla.rows.some((r) => r.moneyHidden) && (
        <p className="mt-2 text-sm text-slate-600" data-testid="money-hidden">
          Credit amounts are visible to finance, admins and each chain&apos;s own account manager; other rows show the
          credit&apos;s percentage only.
        </p>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          {query.page > 1 && <Link href={href({ page: query.page - 1 })}>← Previous</Link>}
          <span>
            Page {query.page} of {pages}
          </span>
          {query.page < pages && <Link href={href({ page: query.page + 1 })}>Next →</Link>}
        </nav>
      )}
      <Renewals renewals={sla.renewals} />
    </>
  );
}

/** The row's credit owed: its amount and band, or only the band where the viewer may not see money. */
function CreditCell({ row }: { row: SlaRow }) {
  const { credit } = row.month;
  if (credit.reason === 'unmeasured') return '— (unmeasured)';
  if (credit.reason === 'met') return 'none';
  return (
    <span className="text-bad">
      {row.moneyHidden ? (
        <>
          {credit.creditPct} % of the month
          <span className="sr-only">
            : the amount is visible to finance, admins and the chain&apos;s account manager
          </span>
        </>
      ) : (
        `${formatMoney(row.month.credit.amount, row.month.credit.currency)} (${credit.creditPct} %)`
      )}
    </span>
  );
}
