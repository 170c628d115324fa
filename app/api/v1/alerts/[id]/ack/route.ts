import { NextResponse } from 'next/server';
import { acknowledgeAlert } from '@/lib/server/alerts/acknowledge-alert';
import { withAuth } from '@/lib/server/auth/authorize';

/** Acknowledges an open alert (ops, admins, the chain's account manager): no more reminders. */
export const POST = withAuth<{ id: string }>('alerts:ack', async (_request, { params }) =>
  NextResponse.json(await acknowledgeAlert((await params).id)),
);
