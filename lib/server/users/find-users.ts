import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import type { UserDto } from '@/lib/users/user-dto';
import { actorOf } from './users-actor';
import type { UsersActor } from './users-actor';

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  isDemo: true,
  passwordHash: true,
  createdAt: true,
  managedChains: { where: { decommissionedAt: null }, select: { slug: true, name: true }, orderBy: { slug: 'asc' } },
} as const satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** Every user with their role, status, the chains they manage and their last sign-in (admins). */
export async function findUsers(as?: UsersActor): Promise<UserDto[]> {
  await actorOf(as);
  const rows = await db.user.findMany({ select: userSelect, orderBy: [{ active: 'desc' }, { email: 'asc' }] });
  const signIns = await lastSignIns(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toUserDto(row, signIns.get(row.id) ?? null));
}

/** One user as the API answers it, read in the change's transaction. */
export async function readUser(client: Prisma.TransactionClient, id: string): Promise<UserDto> {
  const row = await client.user.findUniqueOrThrow({ where: { id }, select: userSelect });
  return toUserDto(row, (await lastSignIns(client, [id])).get(id) ?? null);
}

/** The latest successful sign-in per user, from the audit log (indexed by actor, action and time). */
async function lastSignIns(client: Prisma.TransactionClient, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const groups = await client.auditEvent.groupBy({
    by: ['actorId'],
    where: { actorId: { in: ids }, action: 'auth.sign-in', result: 'ok' },
    _max: { at: true },
  });
  return new Map(groups.flatMap((g) => (g.actorId && g._max.at ? [[g.actorId, g._max.at] as const] : [])));
}

function toUserDto(row: UserRow, lastSignInAt: Date | null): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    signsInWith: row.passwordHash ? 'password' : 'oidc',
    isDemo: row.isDemo,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    chains: row.managedChains,
  };
}
