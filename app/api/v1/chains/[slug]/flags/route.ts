import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findChainFlags } from '@/lib/server/flags/find-chain-flags';

/** The chain's flags: value and source, live value, drift and when it was read, the delivery under way. */
export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  return NextResponse.json(await findChainFlags(slug.data));
});
