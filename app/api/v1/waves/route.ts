import { NextResponse } from 'next/server';
import { withAuth } from '@/lib/server/auth/authorize';
import { findWaves, startWave } from '@/lib/server/operations/waves';

/** Starts a fleet action: `{ type, params, tier | chains, batchSize }` (ops, admins). */
export const POST = withAuth('operations:request', async (request, { user }) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: 'The body is not JSON.' }, { status: 400 });
  }
  const result = await startWave({ id: user.id, email: user.email }, body);
  if (!result.ok) return NextResponse.json({ error: `${result.message}: ${result.issues.join('; ')}`, issues: result.issues }, { status: 400 });
  return NextResponse.json({ wave: result.wave }, { status: 202 });
});

export const GET = withAuth('fleet:read', async () => NextResponse.json({ waves: await findWaves() }));
