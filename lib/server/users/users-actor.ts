import 'server-only';
import { hostname, userInfo } from 'node:os';
import type { Role } from '@/lib/generated/prisma/enums';

// Who changes users, as the audit log records them. In the product: the signed-in admin, checked here
// (users:manage) whatever page, action or route called. On the command line: whoever runs `npm run user`
// on the server, who holds the database already; recorded as such, with no user id.

export type UsersActor = { id?: string; email: string; role?: Role; ip: string | null };

/** The caller, if they may manage users; otherwise the AppError authorize throws (a refusal is audited). */
export async function callerActor(target?: string): Promise<UsersActor> {
  // Loaded when called: the CLI imports this module outside Next, where next/navigation cannot load.
  const [{ authorize }, { requestIp }] = await Promise.all([
    import('@/lib/server/auth/authorize'),
    import('@/lib/server/auth/request-ip'),
  ]);
  const user = await authorize('users:manage', { target: target ?? 'users' });
  return { id: user.id, email: user.email, role: user.role, ip: await requestIp() };
}

export function cliActor(): UsersActor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry (a container's arbitrary uid): the host still says where it ran.
  }
  return { email: `cli:${who}@${hostname()}`, ip: null };
}

/** The actor given (the CLI), or the authorized caller. */
export const actorOf = (as: UsersActor | undefined, target?: string): Promise<UsersActor> =>
  as ? Promise.resolve(as) : callerActor(target);

// With the role, so the audit event needs no lookup of it.
export const auditActor = (actor: UsersActor) => ({ id: actor.id, email: actor.email, role: actor.role });
