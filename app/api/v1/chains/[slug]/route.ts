import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withAuth } from '@/lib/server/auth/authorize';
import { findChain } from '@/lib/server/fleet/find-chain';

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a chain slug is lowercase letters, digits and dashes');

export const GET = withAuth<{ slug: string }>('fleet:read', async (_request, { params }) => {
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) return NextResponse.json({ error: slug.error.issues[0]!.message }, { status: 400 });
  const chain = await findChain(slug.data);
  if (!chain) return NextResponse.json({ error: `No chain "${slug.data}".` }, { status: 404 });
  return NextResponse.json({ chain });
});
