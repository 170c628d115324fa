import { NextResponse } from 'next/server';
import { API_PAGE_SIZE, searchParamsRecord } from '@/lib/fleet-query';
import { fleetQuerySchema } from '@/lib/fleet-query-schema';
import { badRequest, readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { requestIp } from '@/lib/server/auth/request-ip';
import { findFleetPageShared } from '@/lib/server/fleet/find-fleet-page';
import { provisionChain } from '@/lib/server/operations/provision-chain';

const querySchema = fleetQuerySchema(API_PAGE_SIZE);

export const GET = withAuth('fleet:read', async (request) => {
  const query = querySchema.safeParse(searchParamsRecord(new URL(request.url).searchParams));
  if (!query.success) return badRequest(query.error);
  return NextResponse.json(await findFleetPageShared(query.data));
});

/** Provisions a new chain from its tier's template (ops, admins; a sales pipeline with a token): 202. */
export const POST = withAuth('operations:request', async (request, { user }) => {
  const body = await readJson(request);
  const result = await provisionChain(
    { id: user.id, email: user.email },
    body,
    request.headers.get('idempotency-key'),
    await requestIp(),
  );
  return NextResponse.json(
    { operation: result.operation },
    { status: 202, headers: { location: `/api/v1/operations/${result.operation.id}` } },
  );
});
