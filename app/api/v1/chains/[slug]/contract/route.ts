import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { badRequest, notFound, readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findContract } from '@/lib/server/sla/find-contract';
import { updateContract } from '@/lib/server/sla/update-contract';

export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  const view = await findContract(slug.data);
  if (!view) return notFound(`No chain "${slug.data}".`);
  return NextResponse.json({ contract: view.contract });
});

/** Replaces the contract. The body carries the `version` it read; an older version gets 409. */
export const PUT = withAuth<{ slug: string }>('contracts:edit', async (request, { params }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  await updateContract(slug.data, await readJson(request));
  const view = await findContract(slug.data);
  return NextResponse.json({ contract: view?.contract ?? null });
});
