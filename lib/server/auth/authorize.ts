import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { can, canOnChain } from './roles';
import type { Permission } from './roles';
import { getCurrentUser, requestIp } from './session';
import type { SessionUser } from './session';

// The one authorization helper: every page, server action and route handler goes through it.

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export type AuthContext = { chainId?: string; target?: string };

/** The signed-in user if they hold the permission; otherwise throws AuthError (and audits a refusal). */
export async function authorize(permission: Permission, context: AuthContext = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthError(401, 'Sign in first.');
  if (!can(user.role, permission)) {
    await recordAuditEvent({
      actor: { id: user.id, email: user.email },
      action: `authz.denied:${permission}`,
      result: 'denied',
      chainId: context.chainId,
      target: context.target,
      ip: await requestIp(),
    });
    throw new AuthError(403, `Your role may not do this (${permission}).`);
  }
  return user;
}

/**
 * authorize, then the chain scope: an account manager may act only on a chain they manage. The chain is
 * read by the caller (it needs it anyway); a refusal is audited against that chain.
 */
export async function authorizeOnChain(permission: Permission, chain: { id: string; slug: string; accountManagerId: string | null }): Promise<SessionUser> {
  const user = await authorize(permission, { chainId: chain.id, target: chain.slug });
  if (!canOnChain(user, permission, chain)) {
    await recordAuditEvent({
      actor: { id: user.id, email: user.email },
      action: `authz.denied:${permission}`,
      result: 'denied',
      chainId: chain.id,
      target: chain.slug,
      ip: await requestIp(),
      detail: { reason: 'not the chain\'s account manager' },
    });
    throw new AuthError(403, `You do not manage ${chain.slug}: only its account manager or an admin may do this.`);
  }
  return user;
}

/** For pages: signed-out visitors go to the login page, a missing permission renders 403. */
export async function authorizePage(permission: Permission = 'fleet:read', context: AuthContext = {}): Promise<SessionUser> {
  try {
    return await authorize(permission, context);
  } catch (error) {
    if (error instanceof AuthError && error.status === 401) redirect('/login');
    if (error instanceof AuthError) forbidden();
    throw error;
  }
}

/** authorizeOnChain for pages: 403 page for a chain the caller may not act on. */
export async function authorizePageOnChain(permission: Permission, chain: { id: string; slug: string; accountManagerId: string | null }): Promise<SessionUser> {
  try {
    return await authorizeOnChain(permission, chain);
  } catch (error) {
    if (error instanceof AuthError && error.status === 401) redirect('/login');
    if (error instanceof AuthError) forbidden();
    throw error;
  }
}

type RouteContext<P> = { params: Promise<P> };
type AuthedHandler<P> = (request: Request, context: RouteContext<P> & { user: SessionUser }) => Promise<Response>;

/** For route handlers: 401/403 as JSON before the handler runs. */
export function withAuth<P = Record<string, never>>(permission: Permission, handler: AuthedHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    let user: SessionUser;
    try {
      user = await authorize(permission, { target: new URL(request.url).pathname });
    } catch (error) {
      if (error instanceof AuthError) return NextResponse.json({ error: error.message }, { status: error.status });
      throw error;
    }
    return handler(request, { ...context, user });
  };
}
