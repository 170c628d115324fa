import { NextResponse } from 'next/server';
import { API_PAGE_SIZE, searchParamsRecord } from '@/lib/fleet-query';
import { fleetQuerySchema } from '@/lib/fleet-query-schema';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findFleetPageShared } from '@/lib/server/fleet/find-fleet-page';

const querySchema = fleetQuerySchema(API_PAGE_SIZE);

export const GET = withAuth('fleet:read', async (request) => {
  const query = querySchema.safeParse(searchParamsRecord(new URL(request.url).searchParams));
  if (!query.success) return badRequest(query.error);
  return NextResponse.json(await findFleetPageShared(query.data));
});
