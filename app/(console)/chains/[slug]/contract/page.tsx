import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { findChainAudit } from '@/lib/server/audit/find-chain-audit';
import { authorizePage } from '@/lib/server/auth/authorize';
import { canOnChain, canSeeMoney } from '@/lib/server/auth/roles';
import { contractMonthlyTotal } from '@/lib/server/sla/contract-total';
import { findContract } from '@/lib/server/sla/find-contract';
import { formatUtc } from '@/lib/format';
import { MONEY_HIDDEN_NOTE } from '@/lib/sla/dto';
import { upgradeNames } from '@/lib/sla/sla-terms';
import { ChainTabs } from '../chain-tabs';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).slug} · contract` };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

export default async function ContractPage({ params, searchParams }: Props) {
  const user = await authorizePage('fleet:read');
  const view = await findContract((await params).slug, user);
  if (!view) notFound();
  const { chain, contract } = view;
  const editable = canOnChain(user, 'contracts:edit', chain);
  const history = await findChainAudit(chain.id, canSeeMoney(user, chain));

  return (
    <>
      <h1 className="text-2xl font-semibold">{chain.name}: contract</h1>
      <ChainTabs slug={chain.slug} current="contract" />
      {(await searchParams).saved && (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          The contract was saved.
        </p>
      )}
      <section className="mt-4 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
        {!contract ? (
          <p className="text-sm text-slate-500">This chain has no contract yet.</p>
        ) : (
          <dl className="divide-y divide-slate-100 text-sm" data-testid="contract">
            <Row label="Tier">{contract.tier}</Row>
            <Row label="Term">
              {contract.startDate} to {contract.endDate}
            </Row>
            {contract.moneyHidden ? (
              <>
                <Row label="Upgrades">
                  {contract.upgrades.length === 0
                    ? 'none'
                    : contract.upgrades
                        .map((u) => `${upgradeNames[u.key]}${u.quantity ? ` (${u.quantity} GB)` : ''}`)
                        .join('; ')}
                </Row>
                <Row label="Prices">
                  <span className="font-normal text-slate-600" data-testid="money-hidden">
                    {MONEY_HIDDEN_NOTE}
                  </span>
                </Row>
              </>
            ) : (
              <>
                <Row label="Monthly price">
                  {contract.monthlyPrice} {contract.currency}
                </Row>
                <Row label="Upgrades">
                  {contract.upgrades.length === 0
                    ? 'none'
                    : contract.upgrades
                        .map(
                          (u) =>
                            `${upgradeNames[u.key]}${u.quantity ? ` (${u.quantity} GB)` : ''}: ${u.monthlyPrice} ${contract.currency}`,
                        )
                        .join('; ')}
                </Row>
                <Row label="Monthly total">
                  {contractMonthlyTotal(contract)} {contract.currency}
                </Row>
                <Row label="Margin target">{contract.marginTargetPct} %</Row>
              </>
            )}
            <Row label="SLA credits">
              {contract.creditSchedule.length === 0
                ? 'none'
                : contract.creditSchedule.map((b) => `below ${b.below} % → ${b.creditPct} %`).join('; ')}
            </Row>
            <Row label="Account manager">{chain.accountManager ?? '—'}</Row>
            <Row label="Last changed">
              {formatUtc(contract.updatedAt)} (version {contract.version})
            </Row>
          </dl>
        )}
        <p className="mt-4 text-sm">
          {editable ? (
            <Link
              href={`/chains/${chain.slug}/contract/edit`}
              className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800"
            >
              Edit the contract
            </Link>
          ) : (
            <span className="text-slate-500">
              Only {chain.accountManager ?? 'the chain\u2019s account manager'} or an admin edits this contract.
            </span>
          )}
        </p>
      </section>
      <section
        aria-labelledby="history-heading"
        className="mt-6 max-w-4xl rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="history-heading" className="font-semibold">
          Audit trail of this chain
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">Nothing recorded yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="audit-trail">
            {history.map((h, i) => (
              <li key={`${h.at}-${i}`} className="py-2">
                <span className="text-slate-500">{formatUtc(h.at)}</span> ·{' '}
                <span className="font-medium">{h.action}</span> by {h.actor ?? 'the system'}{' '}
                <span className={h.result === 'ok' ? 'text-ok' : 'text-bad'}>({h.result})</span>
                {h.changes.length > 0 && (
                  <ul className="mt-1 pl-4 text-xs text-slate-600">
                    {h.changes.map((c) => (
                      <li key={c.field}>
                        {'moneyHidden' in c
                          ? `${c.field} changed (amounts hidden)`
                          : `${c.field}: ${c.before} → ${c.after}`}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
