// Which writes count as cross-site. A browser's session cookie rides along on any request to us, so a write
// it authenticates must prove it was sent by our own pages: browsers send Origin on every POST/PUT/PATCH/
// DELETE (and Sec-Fetch-Site on every request), and a page on another site can forge neither. Calls with an
// API token (Authorization: Bearer) are exempt: a browser never adds that header to a cross-site request
// unasked. Used by proxy.ts, which runs before every route handler, server action and next-auth endpoint.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type WriteRequest = { method: string; headers: Headers };

/** Why this write is refused as cross-site, or null when it may go on. appOrigin: e.g. https://fleet.example.com. */
export function crossSiteRefusal({ method, headers }: WriteRequest, appOrigin: string): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (/^Bearer\s/i.test(headers.get('authorization') ?? '')) return null;
  const origin = headers.get('origin');
  if (origin !== null) {
    return origin === appOrigin
      ? null
      : `Cross-site request refused: Origin ${origin} is not this console (${appOrigin}).`;
  }
  const site = headers.get('sec-fetch-site');
  if (site !== null) {
    return site === 'same-origin' ? null : `Cross-site request refused: Sec-Fetch-Site is ${site}, not same-origin.`;
  }
  // No cookie, no session to abuse: a script without credentials gets its 401 from the route.
  if (!headers.get('cookie')) return null;
  return 'Cross-site request refused: a write signed in by cookie must carry Origin or Sec-Fetch-Site (scripts use an API token).';
}
