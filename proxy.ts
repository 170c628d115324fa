import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { config as appConfig } from '@/lib/config';
import { REQUEST_ID_HEADER } from '@/lib/request-id';
import {
  dataContentSecurityPolicy,
  pageContentSecurityPolicy,
  strictTransportSecurity,
} from '@/lib/security-headers.mjs';
import { clientAddress, PEER_HEADER } from '@/lib/server/auth/client-address';
import { crossSiteRefusal } from '@/lib/server/web/cross-site';

// Runs before every page, route handler, server action and next-auth endpoint (not static files, which get
// next.config's headers). It refuses cross-site writes, and gives pages a CSP with a fresh nonce, the way
// Next documents it: the CSP goes on the request too, where Next reads the nonce and puts it on its scripts.
// It does not authenticate: pages, actions and routes each authorize (lib/server/auth/authorize.ts).

function securityHeaders(response: NextResponse, csp: string, appOrigin: string): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  const hsts = strictTransportSecurity(appOrigin);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}

/** The refused write, in one log line (no user: the proxy does not open the session or the database). */
function logRefusal(request: NextRequest, reason: string): void {
  const trust = appConfig().trustedProxies;
  const ip = clientAddress({
    peer: request.headers.get(PEER_HEADER),
    forwardedFor: request.headers.get('x-forwarded-for'),
    trust,
  });
  console.warn(
    `cross-site write refused: ${request.method} ${request.nextUrl.pathname} from ${ip ?? 'unknown'}: ${reason}`,
  );
}

/** A path that is not valid percent-encoded UTF-8 (/chains/%C0%AF) names nothing: 400, before any route decodes it. */
function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest): NextResponse {
  const { appOrigin, oidc } = appConfig();
  if (malformedPath(request.nextUrl.pathname)) {
    const error = 'Malformed URL: the path is not valid percent-encoded UTF-8.';
    const response = request.nextUrl.pathname.startsWith('/api/')
      ? NextResponse.json({ error }, { status: 400 })
      : new NextResponse(error, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    return securityHeaders(response, dataContentSecurityPolicy, appOrigin);
  }
  const refusal = crossSiteRefusal(request, appOrigin);
  if (refusal) {
    logRefusal(request, refusal);
    return securityHeaders(
      NextResponse.json({ error: refusal }, { status: 403 }),
      dataContentSecurityPolicy,
      appOrigin,
    );
  }
  // The request's id, recorded in the audit trail and sent back. A caller's own X-Request-Id is kept when it is
  // a UUID (a pipeline correlates its calls; like the user agent it is the caller's word); so is ours on the
  // request Next makes to render a server action's redirect, which passes through here again.
  const sent = request.headers.get(REQUEST_ID_HEADER) ?? '';
  const requestId = z.uuid().safeParse(sent).success ? sent.toLowerCase() : crypto.randomUUID();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  if (request.nextUrl.pathname.startsWith('/api/')) {
    const response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return securityHeaders(response, dataContentSecurityPolicy, appOrigin);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = pageContentSecurityPolicy({
    nonce,
    https: appOrigin.startsWith('https:'),
    formTargets: oidc && URL.canParse(oidc.issuer) ? [new URL(oidc.issuer).origin] : [],
    dev: process.env.NODE_ENV === 'development',
  });
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return securityHeaders(response, csp, appOrigin);
}

export const config = {
  // Static files are the same for everyone and carry no nonce: next.config's headers() cover them.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
