import type { Metadata } from 'next';
import Link from 'next/link';
import { DriftBadge, flagText } from '@/components/flags/drift-badge';
import { flagMatrixQuerySchema } from '@/lib/flags/flag-matrix';
import type { FlagMatrixQuery } from '@/lib/flags/flag-matrix';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findFlags } from '@/lib/server/flags/find-flags';
import { findFlagMatrix } from '@/lib/server/flags/find-flag-matrix';

// Every flag, and the matrix of flags × chains (filtered by tier, region, residency and a search), each cell
// the chain's effective value and its parameter's drift. Everyone signed in reads it; values are changed on a
// chain's Flags tab or by rollout (the API), definitions by admins (the API).

export const metadata: Metadata = { title: 'Flags' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const th = 'px-3 py-2 text-xs font-semibold';

export default async function FlagsPage({ searchParams }: Props) {
  await authorizePage('fleet:read');
  const query = flagMatrixQuerySchema.parse(await searchParams);
  const [flags, matrix] = await Promise.all([findFlags(), findFlagMatrix(query)]);
  const href = (patch: Partial<FlagMatrixQuery>) => {
    const p = new URLSearchParams(
      Object.entries({ ...query, ...patch }).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
    );
    return `/flags?${p.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(matrix.total / matrix.size));
  return (
    <>
      <h1 className="text-2xl font-semibold">Flags</h1>
      <p className="mt-1 max-w-4xl text-sm text-slate-600">
        Each chain&apos;s value (its own, else the default) lives in its own Parameter Store, at{' '}
        <code>/fleetpane/&lt;chain&gt;/flags/&lt;key&gt;</code>, and is read back to show drift.
      </p>

      <h2 className="mt-6 font-semibold">Definitions</h2>
      <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="flag-definitions">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {['Key', 'Type', 'Default', 'Owner', 'Rules'].map((h) => (
                <th key={h} scope="col" className={th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {flags.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  No flag yet: admins define them with POST /api/v1/flags.
                </td>
              </tr>
            )}
            {flags.map((f) => (
              <tr key={f.key} data-flag={f.key}>
                <td className="px-3 py-2">
                  <span className="font-mono font-medium">{f.key}</span>
                  <span className="block text-xs text-slate-500">{f.description}</span>
                </td>
                <td className="px-3 py-2">{f.type}</td>
                <td className="px-3 py-2 font-mono">{flagText(f.defaultValue)}</td>
                <td className="px-3 py-2">{f.owner}</td>
                <td className="px-3 py-2 text-xs">
                  {[
                    f.residency ? `${f.residency} chains only` : null,
                    f.sensitive ? 'sensitive: changes need approval' : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="mt-6 font-semibold">Chains</h2>
      <form method="get" action="/flags" className="mt-2 flex flex-wrap items-end gap-3 text-sm" role="search">
        {(
          [
            ['q', 'Search chains or flags', query.q],
            ['tier', 'Tier', query.tier],
            ['region', 'Region', query.region],
            ['residency', 'Residency (EU, none)', query.residency],
          ] as const
        ).map(([name, label, value]) => (
          <label key={name} className="flex flex-col gap-1">
            <span className="text-xs text-slate-600">{label}</span>
            <input name={name} defaultValue={value ?? ''} className="rounded border px-2 py-1" />
          </label>
        ))}
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
          Filter
        </button>
      </form>
      <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="flag-matrix">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={th}>
                Chain
              </th>
              {matrix.flags.map((f) => (
                <th key={f.key} scope="col" className={`${th} font-mono`}>
                  {f.key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {matrix.chains.length === 0 && (
              <tr>
                <td colSpan={matrix.flags.length + 1} className="px-3 py-6 text-center text-slate-500">
                  No chain matches.
                </td>
              </tr>
            )}
            {matrix.chains.map((c) => (
              <tr key={c.slug} data-chain={c.slug}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link href={`/chains/${c.slug}/flags`} className="font-medium text-blue-800 hover:underline">
                    {c.name}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {c.tier} · {c.region}
                    {c.residency && ` · ${c.residency}`}
                  </span>
                </th>
                {matrix.flags.map((f) => {
                  const cell = c.cells[f.key];
                  return (
                    <td key={f.key} className="px-3 py-2" data-flag={f.key}>
                      {cell ? (
                        <>
                          <span
                            className={`font-mono ${cell.source === 'override' ? 'font-semibold' : 'text-slate-500'}`}
                          >
                            {flagText(cell.value)}
                          </span>
                          <span className="ml-1">
                            <DriftBadge drift={cell.drift} />
                          </span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
        <span>
          {matrix.total} chains · page {matrix.page} of {pages}
        </span>
        {matrix.page > 1 && <Link href={href({ page: matrix.page - 1 })}>Previous</Link>}
        {matrix.page < pages && <Link href={href({ page: matrix.page + 1 })}>Next</Link>}
      </nav>
      <p className="mt-2 text-xs text-slate-500">Bold: the chain&apos;s own value; grey: the default.</p>
    </>
  );
}
