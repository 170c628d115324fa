import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { verifyPassword } from './password';

const credentialsSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(200) });

export type SignedInUser = { id: string; email: string; name: string };

/**
 * Checks an email and password sign-in, and audits the attempt. Demo users exist for the local demo only:
 * they are refused whenever the app is not in demo mode, whatever the password.
 */
export async function verifyCredentials(
  raw: unknown,
  options: { demo: boolean; ip?: string | null },
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true, isDemo: true },
  });
  const allowed = !!user?.passwordHash && user.active && (!user.isDemo || options.demo);
  const ok = allowed && (await verifyPassword(parsed.data.password, user.passwordHash!));
  await recordAuditEvent({
    actor: user ? { id: user.id, email: user.email } : { email },
    action: 'auth.sign-in',
    result: ok ? 'ok' : 'denied',
    ip: options.ip,
    detail: {
      method: 'credentials',
      ...(user?.isDemo && !options.demo ? { reason: 'demo user outside demo mode' } : {}),
    },
  });
  return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
}
