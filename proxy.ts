import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

// Convenience only: signed-out visitors of a page go straight to the login page. It protects nothing:
// every page, action and route handler checks the caller itself (lib/server/auth/authorize.ts).
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(request: NextRequest) {
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn) {
    const url = request.nextUrl.clone();
    url.pathname = '/login';
    url.search = '';
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  // Pages only: API routes answer 401 themselves, and the login page and assets stay reachable.
  matcher: ['/((?!api/|login|_next/|favicon.ico).*)'],
};
