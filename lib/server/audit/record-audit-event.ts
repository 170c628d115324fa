import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { AuditResult, AuditSource, Role } from '@/lib/generated/prisma/enums';
import { tokenHash } from '@/lib/server/auth/token-hash';
import { db } from '@/lib/server/db/client';
import { requestContext } from './request-context';

/** Who did it: a signed-in user (or the owner of the API token used). */
export type Actor = { id: string; email: string };

export type AuditInput = {
  /** The user; their email and role are read (in the same transaction) when not given. */
  actor?: { id?: string; email?: string; role?: Role };
  action: string;
  result: AuditResult;
  chainId?: string;
  target?: string;
  /** The changed record before and after the change (only its audited fields). */
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  /** Defaults to the request's client address. */
  ip?: string | null;
  /** Defaults to the request's (`ui` or `api`), else the process's (`worker` or `cli`). */
  source?: AuditSource;
  detail?: Prisma.InputJsonValue;
};

/**
 * Appends one audit event. Pass the change's transaction: the event commits with the change, or neither does.
 * The database chains and guards the log (migration 20261203100000_audit_trail); nothing here can rewrite it.
 */
export async function recordAuditEvent(input: AuditInput, client: Prisma.TransactionClient = db): Promise<void> {
  const request = await requestContext();
  const actor = input.actor ?? {};
  const user =
    actor.id && (!actor.email || !actor.role)
      ? await client.user.findUnique({ where: { id: actor.id }, select: { email: true, role: true } })
      : null;
  const token = request.bearer
    ? await client.apiToken.findUnique({
        where: { tokenHash: tokenHash(request.bearer) },
        select: { id: true, name: true },
      })
    : null;
  await client.auditEvent.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email ?? user?.email,
      actorRole: actor.role ?? user?.role,
      tokenId: token?.id,
      tokenName: token?.name,
      source: input.source ?? request.source,
      action: input.action,
      result: input.result,
      chainId: input.chainId,
      target: input.target,
      before: input.before ?? undefined,
      after: input.after ?? undefined,
      requestId: request.requestId,
      ip: input.ip === undefined ? request.ip : (input.ip ?? undefined),
      userAgent: request.userAgent,
      detail: input.detail,
    },
  });
}
