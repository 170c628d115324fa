import { NextResponse } from 'next/server';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { adoptLiveFlag } from '@/lib/server/flags/adopt-live-flag';
import { chainFlagParamsSchema } from '@/lib/server/flags/flag-route-params';

/** Makes the parameter's live value (changed outside Fleetpane) the chain's override: 200 with the flag. */
export const POST = withAuth<{ slug: string; key: string }>('flags:write', async (_request, { params }) => {
  const path = chainFlagParamsSchema.safeParse(await params);
  if (!path.success) return badRequest(path.error);
  return NextResponse.json(await adoptLiveFlag(path.data));
});
