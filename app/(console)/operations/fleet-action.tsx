'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { StatusBadge } from '@/components/operations/operation-list';
import { operationCatalog, operationLabel } from '@/lib/operations/catalog';
import { waveTypes } from '@/lib/operations/operation-types';
import type { OperationType } from '@/lib/operations/operation-types';
import type { WaveDto } from '@/lib/operations/dto';

/** A fleet action for ops and admins (the server checks again): one operation over a tier, in waves. */
export function FleetAction({ tiers }: { tiers: { key: string; name: string }[] }) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<OperationType>('backup');
  const [tier, setTier] = useState(tiers.at(-1)?.key ?? '');
  const [batchSize, setBatchSize] = useState('5');
  const [param, setParam] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const field = operationCatalog[type].wave?.field;
  const params = field ? field.body(param) : {};
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await fetch('/api/v1/waves', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type, params, tier, batchSize: Number(batchSize) }),
        });
        const body = (await res.json().catch(() => ({}))) as {
          error?: string;
          wave?: { chains: number; skipped: string[] };
        };
        setMessage(
          res.ok
            ? {
                text: `Started on ${body.wave!.chains} chains${body.wave!.skipped.length ? `; left out (shared instance): ${body.wave!.skipped.join(', ')}` : ''}.`,
                error: false,
              }
            : { text: body.error ?? `Refused (${res.status}).`, error: true },
        );
        await queryClient.invalidateQueries({ queryKey: ['waves'] });
      }}
    >
      <span className="w-full font-medium">
        Fleet action: a canary chain first, then batches; stops by itself when one fails
      </span>
      <label className="flex flex-col">
        <span className="text-xs text-slate-600">Operation</span>
        <select
          value={type}
          onChange={(e) => setType(e.target.value as OperationType)}
          className="rounded border border-slate-300 px-2 py-1"
        >
          {waveTypes.map((t) => (
            <option key={t} value={t}>
              {operationCatalog[t].label}
            </option>
          ))}
        </select>
      </label>
      {field && (
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">{field.label}</span>
          <input
            value={param}
            onChange={(e) => setParam(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
      )}
      <label className="flex flex-col">
        <span className="text-xs text-slate-600">Every chain of the tier</span>
        <select
          value={tier}
          onChange={(e) => setTier(e.target.value)}
          className="rounded border border-slate-300 px-2 py-1"
        >
          {tiers.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-xs text-slate-600">Batch size</span>
        <input
          inputMode="numeric"
          value={batchSize}
          onChange={(e) => setBatchSize(e.target.value)}
          className="w-20 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white">
        Start the wave
      </button>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={`w-full ${message.error ? 'text-bad' : 'text-ok'}`}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/** Waves, live, with each chain's state. */
export function WaveList({ initial }: { initial: WaveDto[] }) {
  const waves = useQuery({
    queryKey: ['waves'],
    queryFn: async () => ((await (await fetch('/api/v1/waves')).json()) as { waves: WaveDto[] }).waves,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((w) => w.status === 'running') ? 2_000 : 15_000),
  });
  if (waves.data.length === 0) return null;
  return (
    <section aria-labelledby="waves-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="waves-heading" className="font-semibold">
        Fleet actions
      </h2>
      <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="waves">
        {waves.data.map((w) => (
          <li key={w.id} className="py-2">
            <StatusBadge status={w.status === 'stopped' ? 'failed' : w.status} />{' '}
            <span className="font-medium">{operationLabel(w.type)}</span>{' '}
            <span className="text-xs text-slate-500">
              {w.chains.length} chains, batches of {w.batchSize}
            </span>
            {w.error && <p className="text-xs text-bad">{w.error}</p>}
            <ul className="mt-1 flex flex-wrap gap-1 text-xs">
              {w.chains.map((c, i) => (
                <li key={c.slug} className="rounded bg-slate-50 px-1.5 py-0.5">
                  {i === 0 ? 'canary ' : ''}
                  {c.slug}: {c.status}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
