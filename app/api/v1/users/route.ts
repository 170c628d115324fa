import { NextResponse } from 'next/server';
import { readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { createUser } from '@/lib/server/users/create-user';
import { findUsers } from '@/lib/server/users/find-users';

export const GET = withAuth('users:manage', async () => NextResponse.json({ users: await findUsers() }));

/** Adds a user: `{ email, name, role, password? }` (admins). */
export const POST = withAuth('users:manage', async (request) => {
  const result = await createUser(await readJson(request));
  return NextResponse.json(result, { status: 201, headers: { location: `/api/v1/users/${result.user.id}` } });
});
