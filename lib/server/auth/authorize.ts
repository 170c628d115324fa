import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { AppError } from '@/lib/app-error';
import { errorResponse } from '@/lib/server/api/respond';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { can, canOnChain } from './roles';
import type { Permission } from './roles';
import { getCurrentUser } from './session';
import type { SessionUser } from './session';

// The one authorization helper: every page, server action and route handler goes through it.

export type AuthContext = { chainId?: string; target?: string };

/** The signed-in user if they hold the permission; otherwise throws AppError (and audits a refusal). */
export async function authorize(permission: Permission, context: AuthContext = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in first.');
  if (!can(user.role, permission)) await deny(user, permission, context, `Your role may not do this (${permission}).`);
  return user;
}

/** Audits a refusal and throws the 403. */
async function deny(
  user: SessionUser,
  permission: Permission,
  context: AuthContext & { reason?: string },
  message: string,
): Promise<never> {
  await recordAuditEvent({
    actor: user,
    action: `authz.denied:${permission}`,
    result: 'denied',
    chainId: context.chainId,
    target: context.target,
    detail: context.reason ? { reason: context.reason } : undefined,
  });
  throw new AppError('forbidden', message);
}

/**
 * authorize, then the chain scope: an account manager may act only on a chain they manage. The chain is
 * read by the caller (it needs it anyway); a refusal is audited against that chain.
 */
export async function authorizeOnChain(
  permission: Permission,
  chain: { id: string; slug: string; accountManagerId: string | null },
): Promise<SessionUser> {
  const user = await authorize(permission, { chainId: chain.id, target: chain.slug });
  if (!canOnChain(user, permission, chain)) {
    await deny(
      user,
      permission,
      { chainId: chain.id, target: chain.slug, reason: "not the chain's account manager" },
      `You do not manage ${chain.slug}: only its account manager or an admin may do this.`,
    );
  }
  return user;
}

/** For pages: signed-out visitors go to the login page, a missing permission renders 403. */
export function authorizePage(permission: Permission = 'fleet:read', context: AuthContext = {}): Promise<SessionUser> {
  return onPage(authorize(permission, context));
}

/** authorizeOnChain for pages: 403 page for a chain the caller may not act on. */
export function authorizePageOnChain(
  permission: Permission,
  chain: { id: string; slug: string; accountManagerId: string | null },
): Promise<SessionUser> {
  return onPage(authorizeOnChain(permission, chain));
}

/**
 * The AppError of a page's data as pages answer it: the login page when signed out, the 403 page, the
 * 404 page; anything else reaches the error boundary.
 */
export async function onPage<T>(check: Promise<T>): Promise<T> {
  try {
    return await check;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'unauthenticated') redirect('/login');
    if (error.code === 'forbidden') forbidden();
    if (error.code === 'not-found') notFound();
    throw error;
  }
}

type RouteContext<P> = { params: Promise<P> };
type AuthedHandler<P> = (request: Request, context: RouteContext<P> & { user: SessionUser }) => Promise<Response>;

/** For route handlers: the caller checked first; an AppError, from the check or the handler, as JSON. */
export function withAuth<P = Record<string, never>>(permission: Permission, handler: AuthedHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const user = await authorize(permission, { target: new URL(request.url).pathname });
      return await handler(request, { ...context, user });
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      throw error;
    }
  };
}
