import { NextResponse } from 'next/server';
import { createChannel } from '@/lib/server/alerts/create-channel';
import { listChannels } from '@/lib/server/alerts/find-channels';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';

/** The alert channels (admins), with their last deliveries; never a secret. */
export const GET = withAuth('alerts:channels', async () => NextResponse.json({ channels: await listChannels() }));

/** Creates a channel (admins); a webhook's secret is in this answer only. */
export const POST = withAuth('alerts:channels', async (request, { user }) => {
  const result = await createChannel(await readJson(request), user);
  return NextResponse.json(result, {
    status: 201,
    headers: { location: `/api/v1/alert-channels/${result.channel.id}`, 'cache-control': 'no-store' },
  });
});
