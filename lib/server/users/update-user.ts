import 'server-only';
import { AppError, zodFields } from '@/lib/app-error';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { endUserSessions } from '@/lib/server/auth/user-sessions';
import { announceChange } from '@/lib/server/db/change-signal';
import { db } from '@/lib/server/db/client';
import type { UserResult } from '@/lib/users/user-dto';
import { updateUserInputSchema, userIdSchema } from '@/lib/users/user-input';
import { moveChains } from './chain-managers';
import { readUser } from './find-users';
import { lockActiveAdmins, lockUser } from './lock-users';
import type { LockedUser } from './lock-users';
import { actorOf, auditActor } from './users-actor';
import type { UsersActor } from './users-actor';

// Roles that may be a chain's account manager (the contract edit lets an admin be one too).
const managerRoles: readonly Role[] = ['account_manager', 'admin'];

/**
 * Changes a user's name, role or status. In one transaction, with the admins' rows locked: the last active
 * admin is never demoted or deactivated; a deactivation revokes the user's API tokens; a deactivation or a
 * role change ends their sessions; a user who may no longer manage chains (deactivated, or now ops or
 * finance) leaves them without an account manager, and the answer names them so they can be reassigned.
 * A deactivation is allowed even so: it is what stops someone who left at once, and must not wait for a
 * reassignment.
 */
export async function updateUser(id: unknown, raw: unknown, as?: UsersActor): Promise<UserResult> {
  const actor = await actorOf(as, `user:${String(id)}`);
  const userId = userIdSchema.safeParse(id);
  if (!userId.success) throw new AppError('not-found', 'No such user: a user id is a UUID.');
  const parsed = updateUserInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad-request', 'The user was not changed: correct the fields marked.', {
      fields: zodFields(parsed.error, { root: 'form' }),
    });
  }
  const result = await db.$transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const before = await lockUser(tx, userId.data);
    if (!before) throw new AppError('not-found', `No user ${userId.data}.`);
    const after = { ...pick(before), ...parsed.data };
    const stillAdmin = after.role === 'admin' && after.active;
    if (admins.includes(before.id) && !stillAdmin && admins.length === 1) throw lastAdmin(before.email);
    await tx.user.update({ where: { id: before.id }, data: after });
    const revokedTokens = before.active && !after.active ? await revokeTokens(tx, before.id) : 0;
    if (before.active && !after.active) await endUserSessions(before.id, 'deactivated', tx);
    else if (before.role !== after.role) await endUserSessions(before.id, `role changed to ${after.role}`, tx);
    const unassignedChains = after.active && managerRoles.includes(after.role) ? [] : await unassign(tx, actor, before);
    await recordAuditEvent(
      {
        actor: auditActor(actor),
        action: 'user.update',
        result: 'ok',
        target: `user:${before.email}`,
        ip: actor.ip,
        before: pick(before),
        after,
        detail: { revokedTokens, unassignedChains },
      },
      tx,
    );
    return { user: await readUser(tx, before.id), unassignedChains };
  });
  if (result.unassignedChains.length) await announceAll();
  return result;
}

const pick = (u: LockedUser) => ({ name: u.name, role: u.role, active: u.active });

async function revokeTokens(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const { count } = await tx.apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** The user's chains, now without an account manager; their slugs. */
async function unassign(tx: Prisma.TransactionClient, actor: UsersActor, user: LockedUser): Promise<string[]> {
  const chains = await tx.chain.findMany({
    where: { accountManagerId: user.id, decommissionedAt: null },
    select: { id: true, slug: true },
    orderBy: { slug: 'asc' },
  });
  await moveChains(
    tx,
    actor,
    chains.map((c) => ({ chainId: c.id, slug: c.slug, from: user.email, to: null })),
    null,
  );
  return chains.map((c) => c.slug);
}

/** Who manages a chain shows on the SLA, contract and cost pages, which other processes may be caching. */
export async function announceAll(): Promise<void> {
  await announceChange('fleet');
  await announceChange('finance');
}

const lastAdmin = (email: string) =>
  new AppError(
    'conflict',
    `${email} is the last active admin: make another user an admin first, so someone can still manage users.`,
  );
