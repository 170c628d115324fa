import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';

// Row locks for changes to users, taken in one order (the active admins by id, then the user changed) so
// two changes never wait on each other in a circle. Holding every active admin's row while counting them is
// what keeps two concurrent demotions from both seeing "another admin is left": the second waits, then
// re-reads the rows the first changed and finds one admin fewer.

export type LockedUser = { id: string; email: string; name: string; role: Role; active: boolean };

/** Locks the active admins' rows until the transaction ends; their ids. */
export async function lockActiveAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "User" WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** Locks one user's row; null when there is no such user. */
export async function lockUser(tx: Prisma.TransactionClient, id: string): Promise<LockedUser | null> {
  const rows = await tx.$queryRaw<LockedUser[]>`
    SELECT id::text AS id, email, name, role::text AS role, active FROM "User" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}
