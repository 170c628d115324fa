import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { badRequest, readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findOperations } from '@/lib/server/operations/find-operations';
import { requestOperation } from '@/lib/server/operations/request-operation';

/** Requests an operation on the chain: 202 with the operation (the same one for a repeated Idempotency-Key). */
export const POST = withAuth<{ slug: string }>('operations:request', async (request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  const body = await readJson(request);
  const result = await requestOperation({
    slug: slug.data,
    body,
    idempotencyKey: request.headers.get('idempotency-key'),
  });
  return NextResponse.json(
    { operation: result.operation },
    { status: 202, headers: { location: `/api/v1/operations/${result.operation.id}` } },
  );
});

export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  return NextResponse.json({ operations: await findOperations({ chain: slug.data, take: 20 }) });
});
