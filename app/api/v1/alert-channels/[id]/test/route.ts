import { NextResponse } from 'next/server';
import { sendTestNotification } from '@/lib/server/alerts/send-test-notification';
import { withAuth } from '@/lib/server/auth/authorize';

/** Queues a test notification to the channel (admins): 202, then see GET /api/v1/alert-channels/{id}. */
export const POST = withAuth<{ id: string }>('alerts:channels', async (_request, { params, user }) => {
  const { id } = await params;
  const result = await sendTestNotification(id, user);
  return NextResponse.json(result, { status: 202, headers: { location: `/api/v1/alert-channels/${id}` } });
});
