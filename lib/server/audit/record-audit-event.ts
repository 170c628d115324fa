import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { AuditResult } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/server/db/client';

/** Who did it: a signed-in user (or the owner of the API token used). */
export type Actor = { id: string; email: string };

export type AuditInput = {
  actor?: { id?: string; email?: string };
  action: string;
  result: AuditResult;
  chainId?: string;
  target?: string;
  ip?: string | null;
  detail?: Prisma.InputJsonValue;
};

/**
 * Appends one audit event. The log is append-only: nothing in the app updates or deletes a row. Pass the
 * change's transaction so the event commits with the change, or not at all.
 */
export async function recordAuditEvent(input: AuditInput, client: Prisma.TransactionClient = db): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: input.actor?.id,
      actorEmail: input.actor?.email,
      action: input.action,
      result: input.result,
      chainId: input.chainId,
      target: input.target,
      ip: input.ip ?? undefined,
      detail: input.detail,
    },
  });
}
