import { NextResponse } from 'next/server';
import { z } from 'zod';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { cancelFlagRollout } from '@/lib/server/flags/flag-rollouts';

/** Cancels a scheduled rollout before it starts (ops, admins). */
export const POST = withAuth<{ key: string; id: string }>('flags:write', async (_request, { params }) => {
  const { key, id } = await params;
  const rollout = z.uuid('a rollout id').safeParse(id);
  if (!rollout.success) return badRequest(rollout.error);
  return NextResponse.json(await cancelFlagRollout(key, rollout.data));
});
