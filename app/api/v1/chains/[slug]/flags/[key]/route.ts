import { NextResponse } from 'next/server';
import { badRequest, readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { chainFlagParamsSchema } from '@/lib/server/flags/flag-route-params';
import { setChainFlag } from '@/lib/server/flags/request-flag-delivery';

/** Sets the chain's value `{ value }` (ops, admins): 202 with its delivery (a sensitive flag's awaits approval). */
export const PUT = withAuth<{ slug: string; key: string }>('flags:write', async (request, { params }) => {
  const path = chainFlagParamsSchema.safeParse(await params);
  if (!path.success) return badRequest(path.error);
  const body = await readJson(request);
  const result = await setChainFlag({ ...path.data, body, idempotencyKey: request.headers.get('idempotency-key') });
  return NextResponse.json(
    { operation: result.operation },
    { status: 202, headers: { location: `/api/v1/operations/${result.operation.id}` } },
  );
});
