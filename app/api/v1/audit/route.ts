import { NextResponse } from 'next/server';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { auditQuerySchema, findAuditEvents } from '@/lib/server/audit/find-audit-events';

export const GET = withAuth('audit:read', async (request) => {
  const query = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return badRequest(query.error);
  return NextResponse.json({ events: await findAuditEvents(query.data) });
});
