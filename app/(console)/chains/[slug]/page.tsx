import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Freshness } from '@/components/ui/freshness';
import { HealthBadge } from '@/components/ui/health-badge';
import { Suspense } from 'react';
import { formatAge, formatPct, formatUtc, yesNo } from '@/lib/format';
import { OperationList } from '@/components/operations/operation-list';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { findRegionPrices } from '@/lib/server/finance/find-region-prices';
import { findKeptInstances } from '@/lib/server/operations/find-kept-instances';
import { findOperations } from '@/lib/server/operations/find-operations';
import { OperationButtons } from './operation-buttons';
import { findChain } from '@/lib/server/fleet/find-chain';
import { readChainMetrics } from '@/lib/server/fleet/read-chain-metrics';
import { ConformanceFindings } from '@/components/conformance-findings';
import { ChainCharts } from './chain-charts';
import { ChainTabs } from './chain-tabs';

type Props = { params: Promise<{ slug: string }> };

// The 24-hour charts come with the page; a CloudWatch failure leaves the client to retry and say so.
async function ChartsPanel({ slug }: { slug: string }) {
  const initial = await readChainMetrics(slug, '24h').catch(() => null);
  return <ChainCharts slug={slug} initial={initial} />;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

export default async function ChainPage({ params }: Props) {
  const user = await authorizePage('fleet:read');
  const { slug } = await params;
  const chain = await findChain(slug);
  if (!chain) notFound();
  const canOperate = can(user.role, 'operations:request');
  const [operations, prices, kept] = await Promise.all([
    findOperations({ chain: chain.slug, take: 20 }),
    canOperate ? findRegionPrices(chain.region) : null,
    findKeptInstances(chain.slug),
  ]);
  const { database: d, app } = chain;

  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{chain.name}</h1>
        <HealthBadge health={chain.health} />
        <span className="text-sm text-slate-500">
          {chain.tier.name} · {chain.region}
          {chain.residency && ` · ${chain.residency} residency`} · {chain.environment}
        </span>
        <span className="ml-auto text-sm">
          Data as of <Freshness refreshedAt={chain.refreshedAt} stale={chain.stale} reason={chain.staleReason} />
        </span>
      </div>
      <ChainTabs slug={chain.slug} current="overview" />
      {chain.staleReason && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {chain.staleReason}
        </p>
      )}
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section aria-labelledby="db-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="db-heading" className="font-semibold">
            Database ({d.kind === 'shared' ? 'isolated database in a shared instance' : 'dedicated instance'})
          </h2>
          <dl className="mt-2 divide-y divide-slate-100 text-sm" data-testid="database-details">
            <Field label="Instance">{d.identifier}</Field>
            {d.kind === 'shared' && <Field label="Database and login">{d.databaseName}</Field>}
            <Field label="Class">{d.instanceClass ?? '—'}</Field>
            <Field label="Engine">{d.engine ? `${d.engine} ${d.engineVersion ?? ''}` : '—'}</Field>
            <Field label="Status">{d.status ?? '—'}</Field>
            <Field label="Multi-AZ">{yesNo(d.multiAz)}</Field>
            <Field label="Storage">
              {d.allocatedStorageGb === null ? '—' : `${d.allocatedStorageGb} GiB`}
              {d.storageUsedPct !== null && <span className="text-slate-500"> · {d.storageUsedPct}% used</span>}
            </Field>
            <Field label="Backup retention">
              {d.backupRetentionDays === null ? '—' : `${d.backupRetentionDays} days`}
            </Field>
            <Field label="Latest usable backup">
              {d.latestBackupAt ? `${formatUtc(d.latestBackupAt)} (${formatAge(d.latestBackupAt)})` : 'none'}
            </Field>
            <Field label="Encrypted at rest">{yesNo(d.storageEncrypted)}</Field>
            <Field label="Deletion protection">{yesNo(d.deletionProtection)}</Field>
            <Field label="Endpoint">
              <span className="font-mono text-xs">{d.endpoint ?? '—'}</span>
            </Field>
            {d.sharedWith.length > 0 && <Field label="Instance shared with">{d.sharedWith.join(', ')}</Field>}
          </dl>
          {Object.keys(d.tags).length > 0 && (
            <ul className="mt-3 flex flex-wrap gap-1 text-xs" aria-label="Tags">
              {Object.entries(d.tags).map(([k, v]) => (
                <li key={k} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono">
                  {k}={v}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="app-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="app-heading" className="font-semibold">
            App instance
          </h2>
          <dl className="mt-2 divide-y divide-slate-100 text-sm">
            <Field label="Instance">{app.instanceId ?? '—'}</Field>
            <Field label="Type">{app.instanceType ?? '—'}</Field>
            <Field label="State">{app.state ?? '—'}</Field>
            <Field label="AWS account">
              {chain.accountId}
              {chain.ownAccount && ' (chain-owned, via role)'}
            </Field>
            <Field label="Account manager">{chain.accountManager?.name ?? '—'}</Field>
            <Field label="Availability this month">
              {formatPct(chain.availability)}
              <span className="text-slate-500"> (target {formatPct(chain.tier.availabilityTarget, 2)})</span>
            </Field>
          </dl>
        </section>
      </div>
      <section aria-labelledby="operations-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="operations-heading" className="font-semibold">
          Operations
        </h2>
        {canOperate && prices && (
          <OperationButtons
            facts={{
              slug: chain.slug,
              dedicated: d.kind === 'dedicated',
              multiAz: d.multiAz,
              dbClass: d.instanceClass,
              storageGb: d.allocatedStorageGb,
              appType: app.instanceType,
              prices,
              snapshots: d.snapshots.map((s) => s.id),
              kept: kept.map((k) => k.identifier),
            }}
          />
        )}
        {kept.length > 0 && (
          <p className="mt-2 text-sm text-warn" data-testid="kept-instances">
            Kept after a cut-over, still running and billed:{' '}
            {kept.map((k, i) => (
              <span key={k.identifier}>
                {i > 0 && ', '}
                <span className="font-mono">{k.identifier}</span> (replaced by {k.replacedBy} {formatAge(k.replacedAt)})
              </span>
            ))}
            . Retire it once the new instance has proved itself.
          </p>
        )}
        <OperationList
          query={`chain=${chain.slug}`}
          initial={operations}
          showChain={false}
          me={canOperate ? user.email : null}
        />
      </section>
      <section
        id="conformance"
        aria-labelledby="conformance-heading"
        className="mt-6 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="conformance-heading" className="font-semibold">
          Conformance: {chain.tier.name} tier and contract against what is deployed
        </h2>
        <ConformanceFindings conformance={chain.conformance} />
      </section>
      <section aria-labelledby="snapshots-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="snapshots-heading" className="font-semibold">
          Latest snapshots
        </h2>
        {d.snapshots.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No snapshot of this instance.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm" data-testid="snapshots">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col">Snapshot</th>
                <th scope="col">Type</th>
                <th scope="col">Taken</th>
                <th scope="col">Size</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {d.snapshots.map((s) => (
                <tr key={s.id}>
                  <td className="font-mono text-xs">{s.id}</td>
                  <td>{s.type}</td>
                  <td>
                    {formatUtc(s.createdAt)} <span className="text-slate-500">({formatAge(s.createdAt)})</span>
                  </td>
                  <td>{s.sizeGb === null ? '—' : `${s.sizeGb} GiB`}</td>
                  <td>{s.status ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.kind === 'shared' && (
          <p className="mt-2 text-xs text-slate-500">Snapshots of a shared instance hold every database on it.</p>
        )}
      </section>
      <Suspense fallback={<p className="mt-6 text-sm text-slate-500">Loading metrics…</p>}>
        <ChartsPanel slug={chain.slug} />
      </Suspense>
    </>
  );
}
