import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { createSilence, findSilences } from '@/lib/server/alerts/silences';
import { withAuth } from '@/lib/server/auth/authorize';

/** Active and upcoming silences, then those ended in the last 7 days. */
export const GET = withAuth('fleet:read', async () => NextResponse.json(await findSilences()));

/** Silences a chain, a rule or both until a time, with a reason (ops, admins): 201. */
export const POST = withAuth('alerts:silence', async (request) =>
  NextResponse.json(await createSilence(await readJson(request)), { status: 201 }),
);
