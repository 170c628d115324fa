'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Freshness } from '@/components/ui/freshness';
import { HealthBadge } from '@/components/ui/health-badge';
import { formatAge, formatUtc } from '@/lib/format';
import type { FleetChain } from '@/lib/server/fleet/fleet-dto';
import type { CollectorRunSummary } from '@/lib/server/fleet/find-last-collector-run';

type FleetData = { chains: FleetChain[]; lastRun: CollectorRunSummary };

async function fetchFleet(): Promise<FleetData> {
  const res = await fetch('/api/v1/chains', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`The fleet could not be loaded (${res.status}).`);
  return (await res.json()) as FleetData;
}

export function FleetTable({ initial, canRefresh }: { initial: FleetData; canRefresh: boolean }) {
  const queryClient = useQueryClient();
  const fleet = useQuery({ queryKey: ['fleet'], queryFn: fetchFleet, initialData: initial, refetchInterval: 30_000 });
  const refresh = useMutation({
    mutationFn: async () => {
      const res = await fetch('/api/v1/fleet/refresh', { method: 'POST' });
      if (!res.ok) throw new Error(`Refresh failed (${res.status}).`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['fleet'] }),
  });
  const { chains, lastRun } = fleet.data;

  return (
    <section aria-labelledby="fleet-heading" className="mt-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <h2 id="fleet-heading" className="sr-only">
          Chains
        </h2>
        <span>{chains.length} chains</span>
        <span className="text-slate-500" data-testid="data-as-of">
          Data as of {lastRun ? `${formatUtc(lastRun.finishedAt)} (${formatAge(lastRun.finishedAt)})` : 'never: the collector has not run yet'}
        </span>
        {fleet.isError && <span role="alert" className="text-bad">{(fleet.error as Error).message}</span>}
        {canRefresh && (
          <button
            type="button"
            onClick={() => refresh.mutate()}
            disabled={refresh.isPending}
            className="ml-auto rounded border border-slate-300 bg-white px-3 py-1 disabled:opacity-60"
          >
            {refresh.isPending ? 'Refreshing…' : 'Refresh now'}
          </button>
        )}
        {refresh.isError && <span role="alert" className="text-bad">{refresh.error.message}</span>}
      </div>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Chain</th>
              <th scope="col" className="px-3 py-2">Tier</th>
              <th scope="col" className="px-3 py-2">Region</th>
              <th scope="col" className="px-3 py-2">Health</th>
              <th scope="col" className="px-3 py-2">Database</th>
              <th scope="col" className="px-3 py-2">Multi-AZ</th>
              <th scope="col" className="px-3 py-2">App instance</th>
              <th scope="col" className="px-3 py-2">Read</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {chains.map((c) => (
              <tr key={c.slug} data-testid={`chain-row-${c.slug}`}>
                <td className="px-3 py-2">
                  <Link href={`/chains/${c.slug}`} className="font-medium text-blue-800 hover:underline">
                    {c.name}
                  </Link>
                  {c.ownAccount && <span className="ml-2 text-xs text-slate-500" title={`AWS account ${c.accountId}`}>own account</span>}
                </td>
                <td className="px-3 py-2">{c.tier.name}</td>
                <td className="px-3 py-2">
                  {c.region}
                  {c.residency && <span className="ml-1 text-xs text-slate-500">({c.residency} only)</span>}
                </td>
                <td className="px-3 py-2">
                  <HealthBadge health={c.health} />
                </td>
                <td className="px-3 py-2" data-testid="database">
                  <span className="text-slate-500">{c.database.kind}</span> {c.database.instanceClass ?? '—'}{' '}
                  <span className="text-slate-500">{c.database.status ?? ''}</span>
                </td>
                <td className="px-3 py-2">{c.database.multiAz === null ? '—' : c.database.multiAz ? 'yes' : 'no'}</td>
                <td className="px-3 py-2">
                  {c.app.instanceType ?? '—'} <span className="text-slate-500">{c.app.state ?? ''}</span>
                </td>
                <td className="px-3 py-2">
                  <Freshness refreshedAt={c.refreshedAt} stale={c.stale} reason={c.staleReason} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
