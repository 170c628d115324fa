import type { Metadata } from 'next';
import Link from 'next/link';
import { auditQuerySchema } from '@/lib/audit/audit-query';
import type { AuditQuery } from '@/lib/audit/audit-query';
import { zodIssues } from '@/lib/app-error';
import { findAuditEvents } from '@/lib/server/audit/find-audit-events';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { AuditEventRow } from './audit-event-row';
import { AuditFilters } from './audit-filters';

export const metadata: Metadata = { title: 'Audit trail' };

// The filters a link carries on (and the page size): the page's own query without the cursor and the format.
const filterKeys = ['chain', 'actor', 'action', 'result', 'requestId', 'from', 'to', 'q', 'limit'] as const;

function filterParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  return params;
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const user = await authorizePage('audit:read');
  const raw = await searchParams;
  const single = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const parsed = auditQuerySchema.safeParse(single);
  const query: AuditQuery = parsed.success ? parsed.data : {};
  const { events, nextCursor } = parsed.success ? await findAuditEvents(query, user) : { events: [], nextCursor: null };
  const filters = filterParams(raw);
  const older = new URLSearchParams(filters);
  if (nextCursor) older.set('cursor', nextCursor);
  const csv = new URLSearchParams(filters);
  csv.set('format', 'csv');

  return (
    <>
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Every change to the fleet, its contracts and its users, with who made it, from where, and what it was before and
        after. Events are written in the same transaction as their change, and the database refuses to change or remove
        one; each carries a hash of itself and of the event before it.
        {user.role === 'admin'
          ? ' You see every event.'
          : user.role === 'account_manager'
            ? ' You see the events of the chains you manage, and your own sign-ins.'
            : " You see the events about chains and the fleet's jobs, and your own sign-ins."}
      </p>
      <AuditFilters values={Object.fromEntries(filters)} />
      {!parsed.success && (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          These filters cannot be read: {zodIssues(parsed.error).join('; ')}.
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4 text-sm">
        <span className="text-slate-600" data-testid="audit-count">
          {events.length === 0
            ? 'No events match.'
            : `${events.length} event${events.length === 1 ? '' : 's'}${query.cursor ? ' (older page)' : ', newest first'}`}
        </span>
        <a href={`/api/v1/audit?${csv.toString()}`} className="text-blue-800 underline" download>
          Download CSV
        </a>
        {can(user.role, 'audit:verify') && (
          <a href="/api/v1/audit/verify" className="text-blue-800 underline">
            Verify the chain
          </a>
        )}
      </div>
      <table className="mt-2 w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="audit">
        <caption className="sr-only">Audit events</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Time (UTC)
            </th>
            <th scope="col" className="px-3 py-2">
              Actor
            </th>
            <th scope="col" className="px-3 py-2">
              Chain
            </th>
            <th scope="col" className="px-3 py-2">
              Action and target
            </th>
            <th scope="col" className="px-3 py-2">
              Result
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <AuditEventRow key={e.id} event={e} />
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
        {query.cursor && (
          <Link href={`/audit?${filters.toString()}`} className="text-blue-800 underline">
            ← Newest
          </Link>
        )}
        {nextCursor && (
          <Link href={`/audit?${older.toString()}`} className="text-blue-800 underline" data-testid="audit-older">
            Older →
          </Link>
        )}
      </nav>
    </>
  );
}
