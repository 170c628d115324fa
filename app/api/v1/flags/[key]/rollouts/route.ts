import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findFlagRollouts, requestFlagRollout } from '@/lib/server/flags/flag-rollouts';

/** The flag's rollouts, newest first, with their waves' progress. */
export const GET = withAuth<{ key: string }>('fleet:read', async (_request, { params }) =>
  NextResponse.json(await findFlagRollouts((await params).key)),
);

/** Rolls a value out to the chains a match selects, a canary first (ops, admins): 202, started or scheduled. */
export const POST = withAuth<{ key: string }>('flags:write', async (request, { params }) => {
  const body = await readJson(request);
  return NextResponse.json(await requestFlagRollout((await params).key, body), { status: 202 });
});
