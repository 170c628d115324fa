'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { fleetQueryString, PAGE_SIZE } from '@/lib/fleet-query';
import type { FleetQuery } from '@/lib/fleet-query';
import { formatAge, formatUtc } from '@/lib/format';
import type { FleetPage } from '@/lib/fleet/dto';
import { FleetFilters } from './fleet-filters';
import { FleetRows } from './fleet-rows';
import { FleetTiles } from './fleet-tiles';

async function fetchFleet(qs: string): Promise<FleetPage> {
  const params = new URLSearchParams(qs);
  params.set('size', params.get('size') ?? String(PAGE_SIZE));
  const res = await fetch(`/api/v1/chains?${params}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`The fleet could not be loaded (${res.status}).`);
  return (await res.json()) as FleetPage;
}

export function FleetView({
  query,
  initial,
  canRefresh,
}: {
  query: FleetQuery;
  initial: FleetPage;
  canRefresh: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const qs = fleetQueryString(query);
  // Hydrated from the server render; then polled, so the pane stays current without a reload.
  const fleet = useQuery({
    queryKey: ['fleet', qs],
    queryFn: () => fetchFleet(qs.slice(1)),
    initialData: initial,
    refetchInterval: 30_000,
  });
  const refresh = useMutation({
    mutationFn: async () => {
      const res = await fetch('/api/v1/fleet/refresh', { method: 'POST' });
      if (!res.ok) throw new Error(`Refresh failed (${res.status}).`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['fleet'] }),
  });
  // Filters live in the URL: a link reproduces the view.
  const change = useCallback(
    (patch: Partial<FleetQuery>) =>
      router.replace(`${pathname}${fleetQueryString({ ...query, ...patch })}`, { scroll: false }),
    [router, pathname, query],
  );
  // Marks the table interactive once hydrated (browser tests wait for it before using the controls).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const data = fleet.data;
  const pages = Math.max(1, Math.ceil(data.total / data.size));

  return (
    <>
      <FleetTiles tiles={data.tiles} />
      <FleetFilters query={query} regions={data.regions} tiers={data.tiers} onChange={change} />
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="fleet-count" data-hydrated={hydrated || undefined}>
          {data.total} {data.total === 1 ? 'chain' : 'chains'}
        </span>
        {/* "5 s ago" is computed where it renders: the browser's first render is a moment after the server's. */}
        <span className="text-slate-500" data-testid="data-as-of" suppressHydrationWarning>
          Data as of{' '}
          {data.lastRun
            ? `${formatUtc(data.lastRun.finishedAt)} (${formatAge(data.lastRun.finishedAt)})`
            : 'never: the collector has not run yet'}
        </span>
        {fleet.isError && (
          <span role="alert" className="text-bad">
            {fleet.error.message} Showing the last data received.
          </span>
        )}
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
        {refresh.isError && (
          <span role="alert" className="text-bad">
            {refresh.error.message}
          </span>
        )}
      </div>
      <FleetRows chains={data.chains} query={query} onSort={change} />
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          <button
            type="button"
            disabled={query.page <= 1}
            onClick={() => change({ page: query.page - 1 })}
            className="rounded border border-slate-300 bg-white px-2 py-1 disabled:opacity-50"
          >
            Previous
          </button>
          <span>
            Page {query.page} of {pages}
          </span>
          <button
            type="button"
            disabled={query.page >= pages}
            onClick={() => change({ page: query.page + 1 })}
            className="rounded border border-slate-300 bg-white px-2 py-1 disabled:opacity-50"
          >
            Next
          </button>
        </nav>
      )}
    </>
  );
}
