import { chainSlugSchema } from '@/lib/chain-slug';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { operationStatuses, operationTypes } from '@/lib/operations/operation-types';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findOperations } from '@/lib/server/operations/find-operations';

const filterSchema = z.object({
  chain: chainSlugSchema.optional(),
  status: z.enum(operationStatuses).optional(),
  type: z.enum(operationTypes).optional(),
});

export const GET = withAuth('fleet:read', async (request) => {
  const filter = filterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) return badRequest(filter.error);
  return NextResponse.json({ operations: await findOperations({ ...filter.data, take: 100 }) });
});
