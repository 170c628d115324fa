import { NextResponse } from 'next/server';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { withAuth } from '@/lib/server/auth/authorize';
import { ingestCosts } from '@/lib/server/finance/ingest-costs';

/** Reads Cost Explorer now (finance, admin); the nightly job does the same. */
export const POST = withAuth('costs:ingest', async (_request, { user }) => {
  const result = await ingestCosts(new Date(), user);
  await recordAuditEvent({
    actor: user,
    action: 'costs.ingest',
    result: result.failures.length ? 'failed' : 'ok',
    detail: result,
  });
  return NextResponse.json({ ingest: result });
});
