import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConformanceFindings } from '@/components/conformance-findings';
import { formatPct, formatUtc } from '@/lib/format';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findChainSla } from '@/lib/server/sla/find-chain-sla';
import { MONEY_HIDDEN_NOTE } from '@/lib/sla/dto';
import type { CreditFacts, SlaMonth } from '@/lib/sla/dto';
import { formatBurn, formatMinutes, formatMoney } from '@/lib/sla/sla-format';
import type { MonthCredit } from '@/lib/sla/sla-math';
import { ChainTabs } from '../chain-tabs';
import { BudgetChart } from './budget-chart';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).slug} · SLA` };
}

const windowLabel = (m: number) => (m < 60 ? `${m} min` : `${m / 60} h`);

export default async function ChainSlaPage({ params }: Props) {
  const viewer = await authorizePage('fleet:read');
  const sla = await findChainSla((await params).slug, viewer);
  if (!sla) notFound();
  const currency = sla.contract?.currency ?? '';
  const { month } = sla;

  return (
    <>
      <h1 className="text-2xl font-semibold">{sla.name}: SLA health</h1>
      <ChainTabs slug={sla.slug} current="sla" />
      {!sla.history.complete && (
        <p className="mt-3 text-sm text-slate-600" data-testid="history-progress">
          Health history: {sla.history.readDays} of {sla.history.totalDays} days read so far. Older days count as
          unmeasured until they are read (a background job reads them, newest first).
        </p>
      )}
      <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="sla-summary">
        <Tile
          label={`This month (target ${sla.tier.targetPct} %)`}
          value={month.availability === null ? 'unmeasured' : formatPct(month.availability)}
          note={`${formatPct(month.measuredShare, 1)} of the month measured; ${formatMinutes(month.unmeasuredMinutes)} unmeasured`}
          bad={month.budget.leftMinutes < 0}
        />
        <Tile
          label="Last 30 days"
          value={sla.last30Days.availability === null ? 'unmeasured' : formatPct(sla.last30Days.availability)}
          note={`${formatPct(sla.last30Days.measuredShare, 1)} measured`}
        />
        <Tile
          label="Error budget left"
          value={formatMinutes(month.budget.leftMinutes)}
          note={`${formatPct(month.budget.leftShare, 0)} of ${formatMinutes(month.budget.budgetMinutes)}; ${formatMinutes(month.budget.spentMinutes)} spent`}
          bad={month.budget.leftMinutes < 0}
        />
        <Tile
          label="Burn alert"
          value={sla.alert ?? 'none'}
          note="SRE workbook multiwindow rules"
          bad={sla.alert === 'page'}
        />
        <Tile
          label="Credit owed this month"
          value={
            month.credit.reason === 'band'
              ? sla.moneyHidden
                ? `${month.credit.creditPct} % of the month`
                : formatMoney(sla.month.credit.amount, currency)
              : month.credit.reason === 'unmeasured'
                ? '— (unmeasured)'
                : 'none'
          }
          note={
            month.credit.reason !== 'band'
              ? 'target met so far'
              : sla.moneyHidden
                ? MONEY_HIDDEN_NOTE
                : `${month.credit.creditPct} % of ${sla.contract?.monthlyTotal} ${currency}`
          }
          bad={month.credit.reason === 'band'}
        />
      </dl>

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="budget-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="budget-heading" className="font-semibold">
            Error budget
          </h2>
          <BudgetChart points={sla.budgetByDay} />
        </section>
        <section aria-labelledby="burn-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="burn-heading" className="font-semibold">
            Burn rate
          </h2>
          <table className="mt-2 w-full text-left text-sm" data-testid="burn">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col">Window (long / short)</th>
                <th scope="col">Burn</th>
                <th scope="col">Alert above</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sla.burn.map((b) => (
                <tr key={b.longMinutes}>
                  <td className="py-1.5">
                    {windowLabel(b.longMinutes)} / {windowLabel(b.shortMinutes)}
                  </td>
                  <td>
                    {formatBurn(b.longRate)} / {formatBurn(b.shortRate)}
                  </td>
                  <td>
                    {b.factor}× → {b.level}
                  </td>
                  <td className={b.firing ? 'font-medium text-bad' : 'text-slate-600'}>
                    {b.firing ? `firing (${b.level})` : 'quiet'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">
            Burn 1× spends exactly the month&apos;s budget in a 30-day month. Windows end at the newest sample.
          </p>
        </section>
      </div>

      <section aria-labelledby="incidents-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="incidents-heading" className="font-semibold">
          Incidents, last 90 days
        </h2>
        {sla.incidents.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">The health signal stayed healthy whenever it was measured.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm" data-testid="incidents">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col">Went bad</th>
                <th scope="col">Came back</th>
                <th scope="col">Unhealthy minutes</th>
                <th scope="col">Worst</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sla.incidents.map((i) => (
                <tr key={i.start}>
                  <td className="py-1.5">{formatUtc(i.start)}</td>
                  <td>{i.end ? formatUtc(i.end) : <span className="font-medium text-bad">ongoing</span>}</td>
                  <td>{formatMinutes(i.badMinutes)}</td>
                  <td>{formatPct(i.worst, 0)} of checkers healthy</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="months-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="months-heading" className="font-semibold">
          Months of the contract
        </h2>
        <table className="mt-2 w-full text-left text-sm" data-testid="months">
          <thead className="text-xs text-slate-500">
            <tr>
              <th scope="col">Month (UTC)</th>
              <th scope="col">Availability</th>
              <th scope="col">Measured</th>
              <th scope="col">Target met</th>
              <th scope="col">Credit</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sla.months.map((m) => (
              <tr key={m.month}>
                <td className="py-1.5">{m.month}</td>
                <td>{m.availability === null ? 'unmeasured' : formatPct(m.availability)}</td>
                <td>{formatPct(m.measuredShare, 1)}</td>
                <td>{m.targetMet === null ? '—' : m.targetMet ? 'yes' : <span className="text-bad">no</span>}</td>
                <td>{monthCreditText(m, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {sla.moneyHidden && (
          <p className="mt-2 text-xs text-slate-500" data-testid="money-hidden">
            {MONEY_HIDDEN_NOTE}
          </p>
        )}
      </section>

      <section
        id="conformance"
        aria-labelledby="conformance-heading"
        className="mt-6 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="conformance-heading" className="font-semibold">
          Conformance
        </h2>
        <ConformanceFindings conformance={sla.conformance} />
      </section>
    </>
  );
}

/** A month's credit: its amount and band, or the band alone where the money is left out. */
function monthCreditText(m: SlaMonth<MonthCredit> | SlaMonth<CreditFacts>, currency: string): string {
  if (m.credit.reason === 'unmeasured') return 'not computable';
  if (m.credit.reason === 'met') return 'none';
  return 'amount' in m.credit
    ? `${formatMoney(m.credit.amount, currency)} (${m.credit.creditPct} %)`
    : `${m.credit.creditPct} %`;
}

function Tile({ label, value, note, bad }: { label: string; value: string; note: string; bad?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`text-xl font-semibold ${bad ? 'text-bad' : ''}`}>{value}</dd>
      <dd className="text-xs text-slate-500">{note}</dd>
    </div>
  );
}
