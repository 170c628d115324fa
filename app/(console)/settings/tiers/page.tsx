import type { Metadata } from 'next';
import Link from 'next/link';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findTiers } from '@/lib/server/sla/find-tiers';

export const metadata: Metadata = { title: 'SLA tiers' };

const yes = (b: boolean) => (b ? 'required' : '—');

export default async function TiersPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  await authorizePage('tiers:manage');
  const tiers = await findTiers();
  return (
    <>
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold">SLA tiers</h1>
        <Link
          href="/settings/tiers/new"
          className="ml-auto rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          New tier
        </Link>
      </div>
      {(await searchParams).saved && (
        <p role="status" className="mt-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          The tier was saved; its chains are held to it from now on.
        </p>
      )}
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="tiers">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              {[
                'Tier',
                'Target',
                'Multi-AZ',
                'Backups kept',
                'Encryption',
                'Deletion protection',
                'Database',
                'Class floor',
                'Regions',
                'Credits',
                'Chains',
              ].map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tiers.map((t) => (
              <tr key={t.key}>
                <td className="px-3 py-2">
                  <Link href={`/settings/tiers/${t.key}`} className="font-medium text-blue-800 hover:underline">
                    {t.name}
                  </Link>
                </td>
                <td className="px-3 py-2">{t.availabilityTarget} %</td>
                <td className="px-3 py-2">{yes(t.requiresMultiAz)}</td>
                <td className="px-3 py-2">≥ {t.minBackupRetentionDays} d</td>
                <td className="px-3 py-2">{yes(t.requiresEncryption)}</td>
                <td className="px-3 py-2">{yes(t.requiresDeletionProtection)}</td>
                <td className="px-3 py-2">{t.requiresDedicatedDatabase ? 'dedicated' : 'shared allowed'}</td>
                <td className="px-3 py-2">{t.minInstanceClass ?? '—'}</td>
                <td className="px-3 py-2">{t.allowedRegions.length ? t.allowedRegions.join(', ') : 'any'}</td>
                <td className="px-3 py-2 text-xs">
                  {t.creditSchedule.map((b) => `<${b.below} %: ${b.creditPct} %`).join('; ') || '—'}
                </td>
                <td className="px-3 py-2">{t.chains}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
