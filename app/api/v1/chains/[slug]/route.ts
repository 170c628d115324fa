import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { badRequest, notFound } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findChain } from '@/lib/server/fleet/find-chain';

export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  const chain = await findChain(slug.data);
  if (!chain) return notFound(`No chain "${slug.data}".`);
  return NextResponse.json({ chain });
});
