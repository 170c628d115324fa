import { NextResponse } from 'next/server';
import { findAlerts } from '@/lib/server/alerts/find-alerts';
import { withAuth } from '@/lib/server/auth/authorize';

/** Open alerts (firing, then pending), then the history, newest first; filters state, chain, severity, rule. */
export const GET = withAuth('fleet:read', async (request) =>
  NextResponse.json(await findAlerts(Object.fromEntries(new URL(request.url).searchParams))),
);
