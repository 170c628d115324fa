import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { getServerSession } from 'next-auth';
import { AppError } from '@/lib/app-error';
import { config } from '@/lib/config';
import { databaseOutage } from '@/lib/database-outage.mjs';
import { db } from '@/lib/server/db/client';
import { findTokenUserId } from './api-tokens';
import { authOptions } from './auth-options';
import type { SessionUser } from './user-sessions';

export type { SessionUser } from './user-sessions';

/**
 * The signed-in user, read once per request. Role and status come from our database on every request, so a
 * role change or a deactivation takes effect at once. A browser session is checked against its server-side
 * row (user-sessions.ts) in next-auth's jwt callback, in the same query as the user.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const authorization = (await headers()).get('authorization');
  if (authorization) return tokenUser(authorization);
  const session = await getServerSession(authOptions());
  const user = (session?.user as SessionUser | undefined) ?? null;
  // next-auth answers "no session" when its callback's query failed: with the database unreachable that is
  // not a signed-out visitor, and sending them to the login page would say so.
  if (!user && databaseOutage()) throw new AppError('unavailable', 'The database is unavailable: try again shortly.');
  return user;
});

/** A personal API token (Authorization: Bearer): its owner, if active. */
async function tokenUser(authorization: string): Promise<SessionUser | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const id = match ? await findTokenUserId(match[1]!) : null;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true, isDemo: true },
  });
  if (!user || !user.active || (user.isDemo && !config().demo)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
