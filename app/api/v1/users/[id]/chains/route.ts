import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { reassignChains } from '@/lib/server/users/reassign-chains';

/**
 * Adds chains to those this account manager manages: `{ chains: [slug, …] }`, all or nothing (admins). A POST
 * to the user's chains, not a PUT: it moves the chains named and leaves the others the user manages alone.
 */
export const POST = withAuth<{ id: string }>('users:manage', async (request, { params }) =>
  NextResponse.json(await reassignChains((await params).id, await readJson(request))),
);
