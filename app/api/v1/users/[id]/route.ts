import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { updateUser } from '@/lib/server/users/update-user';

/** Changes a user's `name`, `role` or `active` (admins); the last active admin stays one. */
export const PATCH = withAuth<{ id: string }>('users:manage', async (request, { params }) =>
  NextResponse.json(await updateUser((await params).id, await readJson(request))),
);
