import { NextResponse } from 'next/server';
import { deleteChannel } from '@/lib/server/alerts/delete-channel';
import { findChannel } from '@/lib/server/alerts/find-channels';
import { withAuth } from '@/lib/server/auth/authorize';

/** One channel with its last deliveries (what became of a test). */
export const GET = withAuth<{ id: string }>('alerts:channels', async (_request, { params }) =>
  NextResponse.json({ channel: await findChannel((await params).id) }),
);

/** Deletes a channel (admins); its past notifications stay. */
export const DELETE = withAuth<{ id: string }>('alerts:channels', async (_request, { params, user }) => {
  await deleteChannel((await params).id, user);
  return new NextResponse(null, { status: 204 });
});
