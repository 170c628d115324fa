import { NextResponse } from 'next/server';
import { operationFilterSchema } from '@/lib/operations/operation-filter';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findOperations } from '@/lib/server/operations/find-operations';

export const GET = withAuth('fleet:read', async (request) => {
  const filter = operationFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) return badRequest(filter.error);
  return NextResponse.json({ operations: await findOperations({ ...filter.data, take: 100 }) });
});
