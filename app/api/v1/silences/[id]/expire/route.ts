import { NextResponse } from 'next/server';
import { expireSilence } from '@/lib/server/alerts/silences';
import { withAuth } from '@/lib/server/auth/authorize';

/** Ends a silence now (ops, admins): alerts it held that still fire are told. */
export const POST = withAuth<{ id: string }>('alerts:silence', async (_request, { params }) =>
  NextResponse.json(await expireSilence((await params).id)),
);
