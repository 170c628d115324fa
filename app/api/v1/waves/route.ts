import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findWaves, startWave } from '@/lib/server/operations/waves';

/** Starts a fleet action: `{ type, params, tier | chains, batchSize }` (ops, admins). */
export const POST = withAuth('operations:request', async (request, { user }) => {
  const body = await readJson(request);
  const result = await startWave({ id: user.id, email: user.email }, body);
  return NextResponse.json({ wave: result.wave }, { status: 202 });
});

export const GET = withAuth('fleet:read', async () => NextResponse.json({ waves: await findWaves() }));
