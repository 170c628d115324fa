'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

type Field = { name: string; label: string; placeholder?: string; type?: string };

const fields: Field[] = [
  { name: 'slug', label: 'Slug', placeholder: 'gelato-garden' },
  { name: 'name', label: 'Name', placeholder: 'Gelato Garden' },
  { name: 'region', label: 'Region', placeholder: 'eu-west-1' },
  { name: 'residency', label: 'Residency (empty: none)', placeholder: 'EU' },
  { name: 'accountManagerEmail', label: 'Account manager email', placeholder: 'am@fleetpane.local' },
  { name: 'instanceClass', label: 'Database class (empty: the tier floor)', placeholder: 'db.m6g.large' },
  { name: 'storageGb', label: 'Storage (GiB)', placeholder: '100' },
  { name: 'appInstanceType', label: 'App instance type', placeholder: 't3.medium' },
  { name: 'startDate', label: 'Contract start', type: 'date' },
  { name: 'endDate', label: 'Contract end', type: 'date' },
  { name: 'monthlyPrice', label: 'Monthly price', placeholder: '1490.00' },
  { name: 'currency', label: 'Currency', placeholder: 'USD' },
];

/** Provisions a chain from its tier's template, the same call a sales pipeline makes (POST /api/v1/chains). */
export function ProvisionForm({ tiers }: { tiers: { key: string; name: string }[] }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>({
    tier: tiers[0]?.key ?? '',
    storageGb: '100',
    appInstanceType: 't3.medium',
    currency: 'USD',
  });
  // One key per form: pressing twice, or again after a network error, provisions once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [result, setResult] = useState<{ ok: boolean; text: string; issues?: string[] } | null>(null);
  const v = (n: string) => values[n]?.trim() || undefined;
  return (
    <details className="mt-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="provision-form">
      <summary className="cursor-pointer font-medium">Provision a new chain</summary>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const body = {
            slug: v('slug'),
            name: v('name'),
            region: v('region'),
            tier: v('tier'),
            residency: v('residency') ?? null,
            ...(v('accountManagerEmail') ? { accountManagerEmail: v('accountManagerEmail') } : {}),
            database: {
              ...(v('databaseKind') ? { kind: v('databaseKind') } : {}),
              ...(v('instanceClass') ? { instanceClass: v('instanceClass') } : {}),
              storageGb: Number(v('storageGb') ?? 100),
            },
            appInstanceType: v('appInstanceType'),
            contract: {
              startDate: v('startDate'),
              endDate: v('endDate'),
              monthlyPrice: v('monthlyPrice'),
              currency: v('currency'),
            },
          };
          const res = await fetch('/api/v1/chains', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify(body),
          });
          const out = (await res.json().catch(() => ({}))) as { error?: string; issues?: string[] };
          if (res.ok) {
            setResult({ ok: true, text: `Provisioning ${body.slug}: follow it below.` });
            setKey(crypto.randomUUID());
            await queryClient.invalidateQueries({ queryKey: ['operations'] });
          } else
            setResult({
              ok: false,
              text: res.status === 400 ? 'Not provisioned:' : (out.error ?? `Refused (${res.status}).`),
              issues: out.issues,
            });
        }}
      >
        <div className="flex flex-col">
          <label htmlFor="provision-tier" className="text-xs text-slate-600">
            Tier
          </label>
          <select
            id="provision-tier"
            value={values.tier}
            onChange={(e) => setValues({ ...values, tier: e.target.value })}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {tiers.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col">
          <label htmlFor="provision-databaseKind" className="text-xs text-slate-600">
            Database
          </label>
          <select
            id="provision-databaseKind"
            value={values.databaseKind ?? ''}
            onChange={(e) => setValues({ ...values, databaseKind: e.target.value })}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">As the tier says (shared where it allows)</option>
            <option value="dedicated">A dedicated instance</option>
            <option value="shared">Its own database in a shared instance</option>
          </select>
        </div>
        {fields.map((f) => (
          <div key={f.name} className="flex flex-col">
            <label htmlFor={`provision-${f.name}`} className="text-xs text-slate-600">
              {f.label}
            </label>
            <input
              id={`provision-${f.name}`}
              type={f.type ?? 'text'}
              placeholder={f.placeholder}
              value={values[f.name] ?? ''}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              className="rounded border border-slate-300 px-2 py-1"
            />
          </div>
        ))}
        <div className="flex items-end">
          <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white">
            Provision
          </button>
        </div>
        {result && (
          <div role={result.ok ? 'status' : 'alert'} className={`sm:col-span-3 ${result.ok ? 'text-ok' : 'text-bad'}`}>
            {result.text}
            {result.issues && (
              <ul className="list-disc pl-5">
                {result.issues.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
    </details>
  );
}
