import { NextResponse } from 'next/server';
import { auditQuerySchema } from '@/lib/audit/audit-query';
import { badRequest } from '@/lib/server/api/respond';
import { auditCsv } from '@/lib/server/audit/audit-csv';
import { allAuditEvents, findAuditEvents } from '@/lib/server/audit/find-audit-events';
import { withAuth } from '@/lib/server/auth/authorize';

/** The audit trail the caller may read (audit-scope.ts): a page of JSON, or the whole filtered view as CSV. */
export const GET = withAuth('audit:read', async (request, { user }) => {
  const query = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return badRequest(query.error);
  if (query.data.format === 'csv') {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return new Response(auditCsv(allAuditEvents(query.data, user)), {
      headers: {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="fleetpane-audit-${stamp}.csv"`,
        'cache-control': 'no-store',
      },
    });
  }
  return NextResponse.json(await findAuditEvents(query.data, user));
});
