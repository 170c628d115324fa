import { NextResponse } from 'next/server';
import { z } from 'zod';
import { badRequest } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { requestIp } from '@/lib/server/auth/request-ip';
import { approveOperation } from '@/lib/server/operations/approve-operation';

/** A second ops engineer or admin approves an operation that needs it (decommission). */
export const POST = withAuth<{ id: string }>('operations:request', async (_request, { params, user }) => {
  const id = z.uuid('an operation id').safeParse((await params).id);
  if (!id.success) return badRequest(id.error);
  await approveOperation(id.data, { id: user.id, email: user.email }, await requestIp());
  return NextResponse.json({ approved: true }, { status: 202 });
});
