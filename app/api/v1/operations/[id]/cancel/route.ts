import { NextResponse } from 'next/server';
import { z } from 'zod';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { requestIp } from '@/lib/server/auth/request-ip';
import { cancelOperation } from '@/lib/server/operations/cancel-operation';

/** Cancels an operation that has not started (ops, admins). */
export const POST = withAuth<{ id: string }>('operations:request', async (_request, { params, user }) => {
  const id = z.uuid('an operation id').safeParse((await params).id);
  if (!id.success) return badRequest(id.error);
  await cancelOperation(id.data, { id: user.id, email: user.email }, await requestIp());
  return NextResponse.json({ cancelled: true });
});
