import { NextResponse } from 'next/server';
import { chainSlugSchema } from '@/lib/chain-slug';
import { badRequest, notFound, readJson } from '@/lib/server/api/respond';
import { authorizeOnChain, withAuth } from '@/lib/server/auth/authorize';
import { contractWithMoney, findContract } from '@/lib/server/sla/find-contract';
import { updateContract } from '@/lib/server/sla/update-contract';

/** The whole contract is money: admins, finance and the chain's own account manager; anyone else 403 (audited). */
export const GET = withAuth<{ slug: string }>('money:read', async (_request, { params, user }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  const view = await findContract(slug.data, user);
  if (!view) return notFound(`No chain "${slug.data}".`);
  await authorizeOnChain('money:read', view.chain);
  return NextResponse.json({ contract: contractWithMoney(view) });
});

/** Replaces the contract. The body carries the `version` it read; an older version gets 409. */
export const PUT = withAuth<{ slug: string }>('contracts:edit', async (request, { params, user }) => {
  const slug = chainSlugSchema.safeParse((await params).slug);
  if (!slug.success) return badRequest(slug.error);
  await updateContract(slug.data, await readJson(request));
  const view = await findContract(slug.data, user);
  return NextResponse.json({ contract: view && contractWithMoney(view) });
});
