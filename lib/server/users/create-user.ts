import 'server-only';
import { AppError, zodFields } from '@/lib/app-error';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { hashPassword } from '@/lib/server/auth/password';
import { db } from '@/lib/server/db/client';
import type { UserResult } from '@/lib/users/user-dto';
import { createUserInputSchema } from '@/lib/users/user-input';
import { readUser } from './find-users';
import { actorOf, auditActor } from './users-actor';
import type { UsersActor } from './users-actor';

/**
 * Adds a user (email lower-cased, name, role, an optional demo password); a taken email is a 409. The row and
 * its audit event commit together. `as`: the CLI's actor; any other caller must hold users:manage.
 */
export async function createUser(raw: unknown, as?: UsersActor): Promise<UserResult> {
  const actor = await actorOf(as);
  const parsed = createUserInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('bad-request', 'The user was not added: correct the fields marked.', {
      fields: zodFields(parsed.error, { root: 'form' }),
    });
  }
  const { password, ...input } = parsed.data;
  const passwordHash = password ? await hashPassword(password) : null;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.user.create({ data: { ...input, passwordHash }, select: { id: true } });
      await recordAuditEvent(
        {
          actor: auditActor(actor),
          action: 'user.create',
          result: 'ok',
          target: `user:${input.email}`,
          ip: actor.ip,
          // Whether a password was set, never the password or its hash.
          after: { ...input, active: true, password: !!password },
        },
        tx,
      );
      return { user: await readUser(tx, row.id), unassignedChains: [] };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw taken(input.email);
    throw error;
  }
}

const taken = (email: string) =>
  new AppError('conflict', `A user with the email ${email} exists already.`, {
    fields: { email: [`${email} is taken`] },
  });
