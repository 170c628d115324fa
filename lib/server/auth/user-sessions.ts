import 'server-only';
import { config } from '@/lib/config';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/server/db/client';

// Server-side sessions. The cookie's JWT names a row here; the row says whether the session still lives. So
// ending a row (sign-out, a role change, a deactivation, a timeout) ends the session at once, and a copy of
// the cookie replayed afterwards is refused, whatever the JWT's own expiry says.

/** lastSeenAt is written at most this often: a read is not a write every time. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Who is signed in, as every page, action and route handler sees it. */
export type SessionUser = { id: string; email: string; name: string; role: Role };

export type SessionLimits = { idleMinutes: number; maxHours: number };

/** A new session for a user who just signed in; its id goes into the JWT. */
export async function startSession(userId: string, now: Date = new Date()): Promise<string> {
  const row = await db.session.create({ data: { userId, createdAt: now, lastSeenAt: now }, select: { id: true } });
  return row.id;
}

type Row = {
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  user: { id: string; email: string; name: string; role: Role; active: boolean; isDemo: boolean };
};

/** Why a session no longer lives, or null while it does. */
function deadReason(row: Row, now: Date, limits: SessionLimits): string | null {
  if (row.endedAt) return 'ended';
  if (now.getTime() - row.createdAt.getTime() > limits.maxHours * 3_600_000) return 'expired';
  if (now.getTime() - row.lastSeenAt.getTime() > limits.idleMinutes * 60_000) return 'idle';
  return null;
}

/**
 * The user of a live session, read with the session in one query; null for a session that is unknown,
 * ended, idle past the idle timeout, older than the absolute timeout, or whose user may not sign in.
 * A timed-out session is ended on the way, so it reads as such afterwards.
 */
export async function findSessionUser(options: {
  sessionId: string;
  userId: string;
  now?: Date;
  limits?: SessionLimits;
  demo?: boolean;
}): Promise<SessionUser | null> {
  const now = options.now ?? new Date();
  const limits = options.limits ?? config().sessions;
  const demo = options.demo ?? config().demo;
  const row: Row | null = await db.session.findFirst({
    where: { id: options.sessionId, userId: options.userId },
    select: {
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true, isDemo: true } },
    },
  });
  if (!row) return null;
  const dead = deadReason(row, now, limits);
  if (dead) {
    if (dead !== 'ended') await endSession(options.sessionId, dead, now);
    return null;
  }
  if (!row.user.active || (row.user.isDemo && !demo)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Conditional, so concurrent requests of the same minute write once.
    await db.session.updateMany({
      where: { id: options.sessionId, lastSeenAt: { lte: new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS) } },
      data: { lastSeenAt: now },
    });
  }
  return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role };
}

/** Ends one session (sign-out, a timeout); ending an ended one keeps its first reason. */
export async function endSession(
  sessionId: string,
  reason: string,
  now: Date = new Date(),
  client: Prisma.TransactionClient = db,
): Promise<void> {
  await client.session.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
}

/**
 * Ends every live session of a user, in the caller's transaction (a role change, a deactivation), so the
 * change and the sign-out commit together. Returns how many were ended.
 */
export async function endUserSessions(userId: string, reason: string, tx: Prisma.TransactionClient): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
  return count;
}
