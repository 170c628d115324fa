import 'server-only';
import { db } from '@/lib/server/db/client';
import { actorOf } from './users-actor';
import type { UsersActor } from './users-actor';

export type ChainManagerDto = { slug: string; name: string; accountManager: { id: string; email: string } | null };

/** Every live chain with its account manager, for the reassignment form (admins). */
export async function findChainManagers(as?: UsersActor): Promise<ChainManagerDto[]> {
  await actorOf(as);
  return db.chain.findMany({
    where: { decommissionedAt: null },
    select: { slug: true, name: true, accountManager: { select: { id: true, email: true } } },
    orderBy: { name: 'asc' },
  });
}
