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

type SelectProps = {
  id: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
  onChange: (value: string | undefined) => void;
};

function FilterSelect({ id, label, value, options, onChange }: SelectProps) {
  return (
    <div className="flex flex-col">
      <label htmlFor={`filter-${id}`} className="text-slate-600">
        {label}
      </label>
      <select
        id={`filter-${id}`}
        className="rounded border border-slate-300 bg-white px-2 py-1"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FleetFilters({ query, regions, tiers, onChange }: Props) {
  const [search, setSearch] = useState(query.q ?? '');
  // Typing waits for a pause before it changes the URL (and the data).
  useEffect(() => {
    if ((query.q ?? '') === search) return;
    const timer = setTimeout(() => onChange({ q: search || undefined, page: 1 }), 300);
    return () => clearTimeout(timer);
  }, [search, query.q, onChange]);

  return (
    <form
      role="search"
      aria-label="Filter the fleet"
      className="mt-4 flex flex-wrap items-end gap-3 text-sm"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="flex flex-col">
        <label htmlFor="filter-q" className="text-slate-600">
          Search
        </label>
        <input
          id="filter-q"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Chain name"
          className="rounded border border-slate-300 px-2 py-1"
        />
      </div>
      <FilterSelect
        id="tier"
        label="Tier"
        value={query.tier}
        options={tiers.map((t) => [t.key, t.name])}
        onChange={(tier) => onChange({ tier, page: 1 })}
      />
      <FilterSelect
        id="region"
        label="Region"
        value={query.region}
        options={regions.map((r) => [r, r])}
        onChange={(region) => onChange({ region, page: 1 })}
      />
      <FilterSelect
        id="health"
        label="Health"
        value={query.health}
        options={healthValues.map((h) => [h, h])}
        onChange={(h) => onChange({ health: h as FleetQuery['health'], page: 1 })}
      />
      <FilterSelect
        id="db"
        label="Database"
        value={query.db}
        options={[
          ['dedicated', 'dedicated'],
          ['shared', 'shared'],
        ]}
        onChange={(d) => onChange({ db: d as FleetQuery['db'], page: 1 })}
      />
      <label className="flex items-center gap-1.5 pb-1">
        <input
          type="checkbox"
          checked={!!query.attention}
          onChange={(e) => onChange({ attention: e.target.checked ? '1' : undefined, page: 1 })}
        />
        Needs attention
      </label>
    </form>
  );
}
