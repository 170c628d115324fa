import 'server-only';
import { AppError, zodFields } from '@/lib/app-error';
import { db } from '@/lib/server/db/client';
import type { ReassignResult } from '@/lib/users/user-dto';
import { reassignChainsInputSchema, userIdSchema } from '@/lib/users/user-input';
import { moveChains } from './chain-managers';
import { readUser } from './find-users';
import { lockUser } from './lock-users';
import { announceAll } from './update-user';
import { actorOf } from './users-actor';
import type { UsersActor } from './users-actor';

/**
 * Makes one account manager the manager of a set of chains, all or nothing: an unknown slug is a 400 naming
 * every unknown one, and nothing moves. The manager's row is locked, so a deactivation racing this cannot
 * leave chains with a manager who is gone. Each chain that changes hands is audited on that chain.
 */
export async function reassignChains(managerId: unknown, raw: unknown, as?: UsersActor): Promise<ReassignResult> {
  const actor = await actorOf(as, `user:${String(managerId)}`);
  const id = userIdSchema.safeParse(managerId);
  if (!id.success) throw new AppError('not-found', 'No such user: a user id is a UUID.');
  const parsed = reassignChainsInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad-request', 'No chain was reassigned: correct the fields marked.', {
      fields: zodFields(parsed.error, { root: 'form' }),
    });
  }
  const slugs = [...new Set(parsed.data.chains)];
  const result = await db.$transaction(async (tx) => {
    const manager = await lockUser(tx, id.data);
    if (!manager) throw new AppError('not-found', `No user ${id.data}.`);
    if (!manager.active || manager.role !== 'account_manager') {
      throw new AppError('conflict', `${manager.email} is not an active account manager: chains go to one.`);
    }
    const chains = await tx.chain.findMany({
      where: { slug: { in: slugs }, decommissionedAt: null },
      select: { id: true, slug: true, accountManagerId: true, accountManager: { select: { email: true } } },
      orderBy: { slug: 'asc' },
    });
    const unknown = slugs.filter((slug) => !chains.some((c) => c.slug === slug));
    if (unknown.length) {
      const list = unknown.map((s) => `"${s}"`).join(', ');
      throw new AppError('bad-request', `No chain was reassigned: no chain ${list}.`, {
        fields: { chains: [`No chain ${list}`] },
      });
    }
    const moving = chains.filter((c) => c.accountManagerId !== manager.id);
    const changes = moving.map((c) => ({
      chainId: c.id,
      slug: c.slug,
      from: c.accountManager?.email ?? null,
      to: manager.email,
    }));
    await moveChains(tx, actor, changes, manager);
    return { user: await readUser(tx, manager.id), moved: changes.map((c) => ({ slug: c.slug, from: c.from })) };
  });
  if (result.moved.length) await announceAll();
  return result;
}
