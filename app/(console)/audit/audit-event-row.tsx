import Link from 'next/link';
import { formatUtc } from '@/lib/format';
import { roleLabels } from '@/lib/server/auth/roles';
import { diffChange } from '@/lib/server/audit/find-chain-audit';
import type { AuditEventDto } from '@/lib/server/audit/find-audit-events';
import { MONEY_HIDDEN_NOTE } from '@/lib/sla/dto';

const resultClass = {
  ok: 'bg-green-50 text-green-900 border-green-300',
  denied: 'bg-amber-50 text-amber-900 border-amber-300',
  failed: 'bg-red-50 text-red-900 border-red-300',
} as const;

const json = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

/** One event: a row, and under it what it changed (field by field, before → after) and where it came from. */
export function AuditEventRow({ event: e }: { event: AuditEventDto }) {
  // Money is cut server-side already (hideAuditMoney): what is shown here is what the viewer may see.
  const changes = diffChange(e.before, e.after, true);
  return (
    <tr className="align-top" data-testid={`audit-event-${e.id}`}>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatUtc(e.at).replace(' UTC', '')}</td>
      <td className="px-3 py-2">
        <div>
          {e.actor ?? <span className="text-slate-500">{e.source === 'worker' ? 'the worker' : 'unknown'}</span>}
        </div>
        <div className="text-xs text-slate-600">
          {[e.actorRole ? roleLabels[e.actorRole] : null, e.token ? `token “${e.token.name}”` : null, e.source]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </td>
      <td className="px-3 py-2">
        {e.chain ? (
          <Link href={`/chains/${e.chain}`} className="text-blue-800 underline">
            {e.chain}
          </Link>
        ) : (
          '—'
        )}
      </td>
      <td className="px-3 py-2">
        <details>
          <summary className="cursor-pointer">
            <span className="font-mono text-xs">{e.action}</span>
            {e.target && <span className="ml-2 text-slate-600">{e.target}</span>}
          </summary>
          <div className="mt-2 space-y-2 text-xs" data-testid="audit-detail">
            {changes.length > 0 && (
              <table className="w-full border border-slate-200">
                <caption className="sr-only">Before and after</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-2 py-1">
                      Field
                    </th>
                    <th scope="col" className="px-2 py-1">
                      Before
                    </th>
                    <th scope="col" className="px-2 py-1">
                      After
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.field}>
                      <th scope="row" className="px-2 py-1 font-mono font-normal">
                        {c.field}
                      </th>
                      {'moneyHidden' in c ? (
                        <td colSpan={2} className="px-2 py-1 text-slate-600">
                          {MONEY_HIDDEN_NOTE}
                        </td>
                      ) : (
                        <>
                          <td className="break-all px-2 py-1 font-mono">{c.before}</td>
                          <td className="break-all px-2 py-1 font-mono">{c.after}</td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {e.moneyHidden && <p className="text-slate-600">{MONEY_HIDDEN_NOTE}</p>}
            {e.detail !== null && e.detail !== undefined && (
              <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2">
                {json(e.detail)}
              </pre>
            )}
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-slate-600">
              <dt>Event</dt>
              <dd className="font-mono">{e.id}</dd>
              <dt>Request</dt>
              <dd className="font-mono">{e.requestId ?? '—'}</dd>
              <dt>Address</dt>
              <dd className="font-mono">{e.ip ?? '—'}</dd>
              <dt>User agent</dt>
              <dd className="break-all">{e.userAgent ?? '—'}</dd>
              <dt>Hash</dt>
              <dd className="break-all font-mono">{e.hash ?? '—'}</dd>
            </dl>
          </div>
        </details>
      </td>
      <td className="px-3 py-2">
        <span className={`rounded border px-1.5 py-0.5 text-xs ${resultClass[e.result]}`}>{e.result}</span>
      </td>
    </tr>
  );
}
