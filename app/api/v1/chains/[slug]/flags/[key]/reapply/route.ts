import { NextResponse } from 'next/server';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { chainFlagParamsSchema } from '@/lib/server/flags/flag-route-params';
import { reapplyChainFlag } from '@/lib/server/flags/request-flag-delivery';

/** Writes the chain's effective value to its parameter again (drift): 202 with the delivery. */
export const POST = withAuth<{ slug: string; key: string }>('flags:write', async (request, { params }) => {
  const path = chainFlagParamsSchema.safeParse(await params);
  if (!path.success) return badRequest(path.error);
  const result = await reapplyChainFlag({ ...path.data, idempotencyKey: request.headers.get('idempotency-key') });
  return NextResponse.json(
    { operation: result.operation },
    { status: 202, headers: { location: `/api/v1/operations/${result.operation.id}` } },
  );
});
