// @ts-check

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
};

export default nextConfig;
