import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { verifyPassword } from './password';
import { releaseSignInAttempt } from './sign-in-throttle';

const credentialsSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(200) });

export type SignedInUser = { id: string; email: string; name: string };

type Found = { passwordHash: string | null; active: boolean; isDemo: boolean } | null;

/** Why a sign-in is refused, for the audit log (never the password). */
function refusal(user: Found, demo: boolean, passwordOk: boolean): string | null {
  if (!user) return 'unknown account';
  if (!user.active) return 'deactivated';
  if (user.isDemo && !demo) return 'demo user outside demo mode';
  if (!user.passwordHash) return 'no password (single sign-on only)';
  return passwordOk ? null : 'wrong password';
}

/**
 * Checks an email and password sign-in, and audits the attempt. Demo users exist for the local demo only:
 * they are refused whenever the app is not in demo mode, whatever the password. The throttle counted the
 * attempt before it got here (app/api/auth/[...nextauth]/route.ts); a success gives it back.
 */
export async function verifyCredentials(
  raw: unknown,
  options: { demo: boolean; ip?: string | null },
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) {
    await recordAuditEvent({
      action: 'auth.sign-in',
      result: 'denied',
      ip: options.ip,
      detail: { method: 'credentials', reason: 'malformed email or password' },
    });
    return null;
  }
  const email = parsed.data.email.toLowerCase();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true, isDemo: true },
  });
  const allowed = !!user?.passwordHash && user.active && (!user.isDemo || options.demo);
  const ok = allowed && (await verifyPassword(parsed.data.password, user.passwordHash!));
  const reason = refusal(user, options.demo, ok);
  await db.$transaction(async (tx) => {
    await recordAuditEvent(
      {
        actor: user ? { id: user.id, email: user.email } : { email },
        action: 'auth.sign-in',
        result: reason ? 'denied' : 'ok',
        ip: options.ip,
        detail: { method: 'credentials', ...(reason ? { reason } : {}) },
      },
      tx,
    );
    if (!reason) await releaseSignInAttempt({ email, ip: options.ip ?? null }, tx);
  });
  return !reason && user ? { id: user.id, email: user.email, name: user.name } : null;
}
