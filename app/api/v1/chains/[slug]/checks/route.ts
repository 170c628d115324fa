import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { badRequest, notFound } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findChainChecks } from '@/lib/server/checks/find-checks';

/** The chain's latest nightly-check results, item by item, and its last restore drill's evidence. */
export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  const checks = await findChainChecks(slug.data);
  if (!checks) return notFound(`No chain "${slug.data}".`);
  return NextResponse.json(checks);
});
