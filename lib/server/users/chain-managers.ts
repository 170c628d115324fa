import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { auditActor } from './users-actor';
import type { UsersActor } from './users-actor';

// A chain's account manager changing hands, audited on the chain (its audit trail shows who manages it).

export type ManagerChange = { chainId: string; slug: string; from: string | null; to: string | null };

/** Sets the chains' manager and writes one audit event per chain, in the caller's transaction. */
export async function moveChains(
  tx: Prisma.TransactionClient,
  actor: UsersActor,
  changes: ManagerChange[],
  manager: { id: string; email: string } | null,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.chain.updateMany({
    where: { id: { in: changes.map((c) => c.chainId) } },
    data: { accountManagerId: manager?.id ?? null },
  });
  for (const change of changes) {
    await recordAuditEvent(
      {
        actor: auditActor(actor),
        action: 'chain.account-manager',
        result: 'ok',
        chainId: change.chainId,
        target: change.slug,
        ip: actor.ip,
        before: { accountManager: change.from },
        after: { accountManager: change.to },
      },
      tx,
    );
  }
}
