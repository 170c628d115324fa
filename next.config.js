// @ts-check
import { dataContentSecurityPolicy, staticSecurityHeaders } from './lib/security-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load Wasm and data files from their own package folders at run time: keep them unbundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    '@prisma/adapter-pg',
    'pg',
    '@prisma/client',
  ],
  // forbidden() renders app/forbidden.tsx with a 403.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typedRoutes: false,
  // The security headers that need no nonce, on every response (static files and errors too); proxy.ts adds
  // the CSP to pages and API answers. Static files get the CSP of a file that loads nothing.
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders },
      {
        source: '/_next/static/:path*',
        headers: [{ key: 'Content-Security-Policy', value: dataContentSecurityPolicy }],
      },
    ];
  },
};

export default nextConfig;
