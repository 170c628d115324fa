import { NextResponse } from 'next/server';
import { z } from 'zod';
import { badRequest, notFound } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { findOperation } from '@/lib/server/operations/find-operations';

/** An operation's status and steps (pipelines poll it; the UI does too). */
export const GET = withAuth<{ id: string }>('fleet:read', async (_request, { params }) => {
  const id = z.uuid('an operation id').safeParse((await params).id);
  if (!id.success) return badRequest(id.error);
  const operation = await findOperation(id.data);
  if (!operation) return notFound(`No operation ${id.data}.`);
  return NextResponse.json({ operation });
});
