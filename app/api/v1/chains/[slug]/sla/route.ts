import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { roundFigures } from '@/lib/round';
import { badRequest, notFound } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findChainSla } from '@/lib/server/sla/find-chain-sla';

/** Everyone signed in reads a chain's SLA; its money (prices, credit amounts) only whoever may see it. */
export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params, user }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  const sla = await findChainSla(slug.data, user);
  if (!sla) return notFound(`No chain "${slug.data}".`);
  return NextResponse.json({ sla: roundFigures(sla) });
});
