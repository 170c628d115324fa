import type { ReactNode } from 'react';
import type { ChainDetail } from '@/lib/fleet/dto';
import { formatAge, formatPct, formatUtc, yesNo } from '@/lib/format';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

/** What is deployed as the collector last read it: the database (dedicated or shared) and the app instance. */
export function DeploymentPanel({ chain }: { chain: ChainDetail }) {
  const { database: d, app } = chain;
  return (
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
  );
}
