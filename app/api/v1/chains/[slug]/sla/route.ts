import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { badRequest, notFound } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findChainSla } from '@/lib/server/sla/find-chain-sla';

export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  const sla = await findChainSla(slug.data);
  if (!sla) return notFound(`No chain "${slug.data}".`);
  return NextResponse.json({ sla });
});
