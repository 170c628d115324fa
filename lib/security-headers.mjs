// @ts-check
// The one definition of the security headers every response carries. Plain JavaScript because
// next.config.js reads it as well as proxy.ts: next.config's headers() give the headers that need no
// nonce to every response, static files and errors included; proxy.ts adds the per-request CSP to pages and
// API answers, and HSTS, which depends on NEXTAUTH_URL at run time (next.config's headers are fixed at build).

/** Headers that are the same for every response. */
export const staticSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // The console's URLs name chains and filters: never send them to another origin.
  { key: 'Referrer-Policy', value: 'no-referrer' },
  // A console never uses these; denying them means an injected script cannot either.
  {
    key: 'Permissions-Policy',
    value: [
      'accelerometer=()',
      'autoplay=()',
      'camera=()',
      'display-capture=()',
      'geolocation=()',
      'gyroscope=()',
      'magnetometer=()',
      'microphone=()',
      'midi=()',
      'payment=()',
      'publickey-credentials-get=()',
      'screen-wake-lock=()',
      'serial=()',
      'usb=()',
      'xr-spatial-tracking=()',
      'browsing-topics=()',
    ].join(', '),
  },
  // frame-ancestors 'none' says the same to browsers that read CSP; this is for those that do not.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** The CSP of responses that are not HTML (API answers, static files): nothing may load from them. */
export const dataContentSecurityPolicy =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The pages' CSP. Scripts run only with this request's nonce (Next puts it on its own scripts), and what they
 * load ('strict-dynamic'). Styles: stylesheets from our origin or with the nonce; style *attributes* must be
 * allowed inline (style-src-attr) because React renders `style={…}` props as attributes in the server HTML
 * and recharts positions its SVG tooltips and legends with them. An attribute cannot run script or load
 * anything that img-src/connect-src do not allow, so this leaves script injection closed.
 * @param {{ nonce: string; https: boolean; formTargets?: string[]; dev?: boolean }} options
 *   formTargets: origins a form may post or be redirected to besides our own (the OIDC provider's sign-in).
 */
export function pageContentSecurityPolicy({ nonce, https, formTargets = [], dev = false }) {
  return [
    "default-src 'self'",
    // next dev evaluates code for fast refresh; the production build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // Signing in with OIDC posts to /api/auth/signin/oidc, which redirects to the provider: form-action
    // covers the redirect too.
    ["form-action 'self'", ...formTargets].join(' '),
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * HSTS, only when the app is served over https (a browser ignores it over http, and localhost must stay http).
 * @param {string} appUrl
 */
export function strictTransportSecurity(appUrl) {
  return /^https:/i.test(appUrl) ? 'max-age=63072000; includeSubDomains' : undefined;
}
