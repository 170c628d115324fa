'use client';

import { useEffect, useState } from 'react';
import type { FleetQuery } from '@/lib/fleet-query';
import { healthValues } from '@/lib/fleet-query';

type Props = {
  query: FleetQuery;
  regions: string[];
  tiers: { key: string; name: string }[];
  onChange: (patch: Partial<FleetQuery>) => void;
};

const select = 'rounded border border-slate-300 bg-white px-2 py-1';

export function FleetFilters({ query, regions, tiers, onChange }: Props) {
  const [search, setSearch] = useState(query.q ?? '');
  // Typing waits for a pause before it changes the URL (and the data).
  useEffect(() => {
    if ((query.q ?? '') === search) return;
    const timer = setTimeout(() => onChange({ q: search || undefined, page: 1 }), 300);
    return () => clearTimeout(timer);
  }, [search, query.q, onChange]);

  return (
    <form role="search" aria-label="Filter the fleet" className="mt-4 flex flex-wrap items-end gap-3 text-sm" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col">
        <label htmlFor="filter-q" className="text-slate-600">
          Search
        </label>
        <input id="filter-q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Chain name" className="rounded border border-slate-300 px-2 py-1" />
      </div>
      <div className="flex flex-col">
        <label htmlFor="filter-tier" className="text-slate-600">
          Tier
        </label>
        <select id="filter-tier" className={select} value={query.tier ?? ''} onChange={(e) => onChange({ tier: e.target.value || undefined, page: 1 })}>
          <option value="">All</option>
          {tiers.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col">
        <label htmlFor="filter-region" className="text-slate-600">
          Region
        </label>
        <select id="filter-region" className={select} value={query.region ?? ''} onChange={(e) => onChange({ region: e.target.value || undefined, page: 1 })}>
          <option value="">All</option>
          {regions.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col">
        <label htmlFor="filter-health" className="text-slate-600">
          Health
        </label>
        <select id="filter-health" className={select} value={query.health ?? ''} onChange={(e) => onChange({ health: (e.target.value || undefined) as FleetQuery['health'], page: 1 })}>
          <option value="">All</option>
          {healthValues.map((h) => (
            <option key={h}>{h}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col">
        <label htmlFor="filter-db" className="text-slate-600">
          Database
        </label>
        <select id="filter-db" className={select} value={query.db ?? ''} onChange={(e) => onChange({ db: (e.target.value || undefined) as FleetQuery['db'], page: 1 })}>
          <option value="">All</option>
          <option value="dedicated">dedicated</option>
          <option value="shared">shared</option>
        </select>
      </div>
      <label className="flex items-center gap-1.5 pb-1">
        <input type="checkbox" checked={!!query.attention} onChange={(e) => onChange({ attention: e.target.checked ? '1' : undefined, page: 1 })} />
        Needs attention
      </label>
    </form>
  );
}
