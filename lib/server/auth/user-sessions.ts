import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * Ends every session of the user, in the caller's transaction. A stub: the sessions branch (server-side
 * sessions with a version checked per request) replaces this body. Until then a JWT session ends at its
 * expiry, but getCurrentUser re-reads role and `active` on every request, so the change still applies at once.
 */
export async function endUserSessions(_userId: string, _reason: string, _tx: Prisma.TransactionClient): Promise<void> {}
