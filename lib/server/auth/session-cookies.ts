import 'server-only';
import type { CookiesOptions } from 'next-auth';

// next-auth's cookies, named and flagged by whether the dashboard is served over https. Every one is HttpOnly,
// SameSite=Lax and Path=/. Over https they are Secure, and the session and CSRF cookies take the __Host-
// prefix: the browser then refuses them unless Secure, set by this exact host and for Path=/ (no Domain), so
// neither a sibling subdomain nor a plain-http page can plant or read them. The callback URL, PKCE, state
// and nonce cookies take __Secure- (next-auth's own choice for them).

export const SESSION_COOKIE = 'next-auth.session-token';

export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}${SESSION_COOKIE}`;
}

export function sessionCookies(secure: boolean): Partial<CookiesOptions> {
  const options = { httpOnly: true, sameSite: 'lax', path: '/', secure } as const;
  const secured = secure ? '__Secure-' : '';
  const host = secure ? '__Host-' : '';
  const short = { ...options, maxAge: 15 * 60 };
  return {
    sessionToken: { name: sessionCookieName(secure), options },
    csrfToken: { name: `${host}next-auth.csrf-token`, options },
    callbackUrl: { name: `${secured}next-auth.callback-url`, options },
    pkceCodeVerifier: { name: `${secured}next-auth.pkce.code_verifier`, options: short },
    state: { name: `${secured}next-auth.state`, options: short },
    nonce: { name: `${secured}next-auth.nonce`, options },
  };
}
