import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DriftBadge, flagText } from '@/components/flags/drift-badge';
import { AppError } from '@/lib/app-error';
import { formatUtc } from '@/lib/format';
import { can } from '@/lib/server/auth/roles';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findChainFlags } from '@/lib/server/flags/find-chain-flags';
import { ChainTabs } from '../chain-tabs';
import { DriftForms, SetFlagForm } from './flag-forms';

// One chain's flags: the effective value and where it comes from, what its Parameter Store holds (read back
// on the collector's schedule), who changed what and when. Ops and admins change values here; every change
// is a delivery through the operation queue, audited.

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).slug} · Flags` };
}

export default async function ChainFlagsPage({ params }: Props) {
  const viewer = await authorizePage('fleet:read');
  const { slug } = await params;
  const result = await findChainFlags(slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not-found') notFound();
    throw error;
  });
  const canWrite = can(viewer.role, 'flags:write');
  return (
    <>
      <h1 className="text-2xl font-semibold">{slug}: flags</h1>
      <ChainTabs slug={slug} current="flags" />
      <p className="mt-3 max-w-4xl text-sm text-slate-600">
        Each value is written to <code>/fleetpane/{slug}/flags/&lt;key&gt;</code> in the chain&apos;s own account and
        region, and read back with the collector. <strong>Modified</strong>: changed outside Fleetpane.
      </p>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="chain-flags">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              {['Flag', 'Value', 'Parameter', 'Changed', ...(canWrite ? ['Change'] : [])].map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {result.flags.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  No flag is defined yet.
                </td>
              </tr>
            )}
            {result.flags.map((f) => (
              <tr key={f.key} data-flag={f.key}>
                <td className="px-3 py-2">
                  <Link href={`/flags?q=${encodeURIComponent(f.key)}`} className="font-mono font-medium text-blue-800">
                    {f.key}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {f.type}
                    {f.sensitive && ' · sensitive: a change needs approval'}
                  </span>
                </td>
                <td className="px-3 py-2" data-testid="flag-value">
                  <span className="font-mono">{flagText(f.value)}</span>
                  <span className="block text-xs text-slate-500">
                    {f.source === 'override' ? "this chain's" : 'default'}
                  </span>
                </td>
                <td className="px-3 py-2" data-testid="flag-drift">
                  <DriftBadge drift={f.drift} title={f.checkError ?? undefined} />
                  {f.drift === 'modified' && (
                    <span className="block text-xs text-bad">
                      live {flagText(f.live)}
                      {f.modifiedBy && ` by ${f.modifiedBy}`}
                      {f.modifiedAt && ` at ${formatUtc(f.modifiedAt)}`}
                    </span>
                  )}
                  {f.drift === 'unknown' && f.checkError && (
                    <span className="block text-xs text-slate-600">{f.checkError}</span>
                  )}
                  <span className="block text-xs text-slate-500">
                    {f.checkedAt ? `read ${formatUtc(f.checkedAt)}` : 'not read back yet'}
                  </span>
                </td>
                <td className="px-3 py-2 text-xs text-slate-600">
                  {f.setAt ? `${f.setBy ?? 'someone'}, ${formatUtc(f.setAt)}` : '—'}
                  {f.pending && (
                    <span className="block font-medium text-slate-800" data-testid="flag-pending">
                      {f.pending.awaitingApproval ? 'awaiting approval' : `delivery ${f.pending.status}`}
                    </span>
                  )}
                </td>
                {canWrite && (
                  <td className="px-3 py-2">
                    <SetFlagForm slug={slug} flag={f} />
                    {(f.drift === 'modified' || f.drift === 'missing') && <DriftForms slug={slug} flag={f} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-sm">
        <Link href={`/audit?chain=${slug}&q=flag`} className="text-blue-800 hover:underline">
          Every flag change of this chain in the audit trail
        </Link>
      </p>
    </>
  );
}
