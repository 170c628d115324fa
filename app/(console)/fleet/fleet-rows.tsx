import { AlertBadge } from '@/components/alerts/alert-badge';
import { Freshness } from '@/components/ui/freshness';
import { HealthBadge } from '@/components/ui/health-badge';
import { HoverPrefetchLink } from '@/components/ui/hover-prefetch-link';
import { Sparkline } from '@/components/ui/sparkline';
import type { FleetQuery } from '@/lib/fleet-query';
import { formatAge, formatPct } from '@/lib/format';
import type { FleetChain } from '@/lib/fleet/dto';

type Props = { chains: FleetChain[]; query: FleetQuery; onSort: (patch: Partial<FleetQuery>) => void };

const th = 'px-3 py-2 font-semibold';

function SortHeader({
  label,
  sort,
  query,
  onSort,
}: {
  label: string;
  sort: FleetQuery['sort'];
  query: FleetQuery;
  onSort: Props['onSort'];
}) {
  const active = query.sort === sort;
  const next = active && query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" className={th} aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        onClick={() => onSort({ sort, dir: next, page: 1 })}
        className="uppercase tracking-wide hover:text-slate-950"
      >
        {label}
        <span aria-hidden="true">{active ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

function AvailabilityCell({ chain }: { chain: FleetChain }) {
  const { availability, tier } = chain;
  if (availability === null) return <span className="text-slate-500">unmeasured</span>;
  const below = availability < tier.availabilityTarget;
  return (
    <span
      className={below ? 'font-medium text-bad' : undefined}
      title={`Target ${formatPct(tier.availabilityTarget, 2)}; ${formatPct(chain.availabilityMeasured, 0)} of the month measured`}
    >
      {formatPct(availability)}
      {below && <span className="sr-only"> (below the {formatPct(tier.availabilityTarget, 2)} target)</span>}
    </span>
  );
}

function FindingsNote({ chain }: { chain: FleetChain }) {
  const { under, over } = chain.findings;
  if (!under && !over) return null;
  const parts = [under ? `${under} under` : '', over ? `${over} over` : ''].filter(Boolean).join(', ');
  return (
    <HoverPrefetchLink
      href={`/chains/${chain.slug}#conformance`}
      className={`mt-1 block text-xs hover:underline ${under ? 'text-bad' : 'text-warn'}`}
      data-testid="findings"
    >
      {parts} contract
    </HoverPrefetchLink>
  );
}

function databaseDetail(d: FleetChain['database']): string {
  const az = d.multiAz ? ' · Multi-AZ' : d.multiAz === false ? ' · single-AZ' : '';
  const storage = d.storageUsedPct !== null ? ` · ${d.storageUsedPct}% of ${d.allocatedStorageGb} GiB` : '';
  return `${d.status ?? 'unknown'}${az}${storage}`;
}

export function FleetRows({ chains, query, onSort }: Props) {
  return (
    <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {/* Cell padding set once on the table rather than on each of 500 cells: a page's HTML is a third smaller. */}
      <table className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2">
        <caption className="sr-only">Chains of the fleet, sortable by the column buttons</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <SortHeader label="Chain" sort="name" query={query} onSort={onSort} />
            <SortHeader label="Tier" sort="tier" query={query} onSort={onSort} />
            <SortHeader label="Region" sort="region" query={query} onSort={onSort} />
            <SortHeader label="Health" sort="health" query={query} onSort={onSort} />
            <th scope="col" className={`${th} uppercase tracking-wide`}>
              Availability (month)
            </th>
            <th scope="col" className={`${th} uppercase tracking-wide`}>
              Database
            </th>
            <th scope="col" className={`${th} uppercase tracking-wide`}>
              App
            </th>
            <th scope="col" className={`${th} uppercase tracking-wide`}>
              DB CPU 24 h
            </th>
            <SortHeader label="Last backup" sort="backup" query={query} onSort={onSort} />
            <SortHeader label="Read" sort="refreshed" query={query} onSort={onSort} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {chains.length === 0 && (
            <tr>
              <td colSpan={10} className="py-6! text-center text-slate-500">
                No chain matches these filters.
              </td>
            </tr>
          )}
          {chains.map((c) => (
            <tr key={c.slug} data-testid={`chain-row-${c.slug}`}>
              <td>
                <HoverPrefetchLink href={`/chains/${c.slug}`} className="font-medium text-blue-800 hover:underline">
                  {c.name}
                </HoverPrefetchLink>
                <span className="block text-xs text-slate-500" title={`AWS account ${c.accountId}`}>
                  {c.ownAccount ? `own account ${c.accountId}` : c.accountId}
                </span>
              </td>
              <td>{c.tier.name}</td>
              <td>
                {c.region}
                {c.residency && <span className="block text-xs text-slate-500">{c.residency} only</span>}
              </td>
              <td>
                <HealthBadge health={c.health} />
                <FindingsNote chain={c} />
                <AlertBadge slug={c.slug} badge={c.alerts} />
              </td>
              <td>
                <AvailabilityCell chain={c} />
              </td>
              <td data-testid="database">
                <span className="text-slate-500">{c.database.kind}</span>
                {` ${c.database.instanceClass ?? '—'}`}
                <span className="block text-xs text-slate-500">{databaseDetail(c.database)}</span>
              </td>
              <td>
                {`${c.app.instanceType ?? '—'} `}
                <span className="block text-xs text-slate-500">{c.app.state ?? ''}</span>
              </td>
              <td>
                <Sparkline values={c.cpuSpark} label={`${c.name} database CPU over 24 hours`} />
              </td>
              <td suppressHydrationWarning>
                {c.database.latestBackupAt ? (
                  formatAge(c.database.latestBackupAt)
                ) : (
                  <span className="text-bad">none</span>
                )}
              </td>
              <td>
                <Freshness refreshedAt={c.refreshedAt} stale={c.stale} reason={c.staleReason} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
