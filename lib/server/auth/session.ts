import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { getServerSession } from 'next-auth';
import { config } from '@/lib/config';
import type { Role } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/server/db/client';
import { findTokenUserId } from './api-tokens';
import { authOptions } from './auth-options';

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, read once per request. The session only says who it is: role and status come
 * from our database on every request, so a role change or a deactivation takes effect at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const id = await callerUserId();
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true, isDemo: true },
  });
  if (!user || !user.active || (user.isDemo && !config().demo)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** A personal API token (Authorization: Bearer) when one is sent, the browser session otherwise. */
async function callerUserId(): Promise<string | null> {
  const authorization = (await headers()).get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? findTokenUserId(match[1]!) : null;
  }
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
}
