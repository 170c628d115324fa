import { NextResponse } from 'next/server';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { withAuth } from '@/lib/server/auth/authorize';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';

// Reads the fleet from AWS now instead of at the next scheduled pass; joins a pass already running.
export const POST = withAuth('fleet:refresh', async (_request, { user }) => {
  const result = await collectFleet();
  await recordAuditEvent({
    actor: user,
    action: 'fleet.refresh',
    result: result.failedScopes.length ? 'failed' : 'ok',
    detail: { awsCalls: result.awsCalls, chains: result.chains, failedScopes: result.failedScopes },
  });
  return NextResponse.json({ result });
});
