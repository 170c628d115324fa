import 'server-only';
import { authorizeOnChain } from '@/lib/server/auth/authorize';
import type { SessionUser } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';

/**
 * Who sees which costs: finance and admins the fleet, an account manager only the chains they manage
 * (asking for another chain is refused and audited). Null when the chain does not exist.
 */
export async function costReportScope(
  user: SessionUser,
  chain: string | undefined,
): Promise<{ managerId: string | null; chain?: string } | null> {
  const managerId = user.role === 'account_manager' ? user.id : null;
  if (!chain) return { managerId };
  const row = await db.chain.findFirst({
    where: { slug: chain, decommissionedAt: null },
    select: { id: true, slug: true, accountManagerId: true },
  });
  if (!row) return null;
  await authorizeOnChain('costs:read', row);
  return { managerId, chain };
}
