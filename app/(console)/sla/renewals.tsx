import Link from 'next/link';
import { formatPct } from '@/lib/format';
import { MONEY_HIDDEN_NOTE } from '@/lib/sla/dto';
import type { RenewalRow } from '@/lib/sla/dto';
import { formatMoney } from '@/lib/sla/sla-format';

/** Contracts ending in the next 90 days, each with its SLA record: what the renewal conversation needs. */
export function Renewals({ renewals }: { renewals: RenewalRow[] }) {
  return (
    <section aria-labelledby="renewals-heading" className="mt-8">
      <h2 id="renewals-heading" className="text-lg font-semibold">
        Renewals in the next 90 days
      </h2>
      {renewals.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No contract in this view ends in the next 90 days.</p>
      ) : (
        <table
          className="mt-2 w-full rounded-lg border border-slate-200 bg-white text-left text-sm"
          data-testid="renewals"
        >
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                Chain
              </th>
              <th scope="col" className="px-3 py-2">
                Ends
              </th>
              <th scope="col" className="px-3 py-2">
                Availability over the contract
              </th>
              <th scope="col" className="px-3 py-2">
                Months below target
              </th>
              <th scope="col" className="px-3 py-2">
                Credits owed
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {renewals.map((r) => (
              <tr key={r.slug}>
                <td className="px-3 py-2">
                  <Link href={`/chains/${r.slug}/sla`} className="font-medium text-blue-800 hover:underline">
                    {r.name}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {r.tier}
                    {r.accountManager && ` · ${r.accountManager}`}
                  </span>
                </td>
                <td className="px-3 py-2">
                  {r.endDate} <span className="text-slate-500">(in {r.daysLeft} days)</span>
                </td>
                <td className="px-3 py-2">{formatPct(r.availability)}</td>
                <td className="px-3 py-2">
                  {r.monthsMissed} of {r.monthsMeasured} measured
                </td>
                <td className="px-3 py-2">
                  {r.moneyHidden ? (
                    <span className="text-xs text-slate-500">{MONEY_HIDDEN_NOTE}</span>
                  ) : (
                    formatMoney(r.credits, r.currency)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
