import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { config } from '@/lib/config';
import { db } from '@/lib/server/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { verifyCredentials } from './credentials';
import { requestIp } from './request-ip';

export function authOptions(): NextAuthOptions {
  const cfg = config();
  const providers: NextAuthOptions['providers'] = [];
  if (cfg.demo) {
    providers.push(
      CredentialsProvider({
        id: 'credentials',
        name: 'Demo sign-in',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: async (credentials) => verifyCredentials(credentials, { demo: cfg.demo, ip: await requestIp() }),
      }),
    );
  }
  if (cfg.oidc) {
    providers.push({
      id: 'oidc',
      name: cfg.oidc.name,
      type: 'oauth',
      wellKnown: `${cfg.oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: cfg.oidc.clientId,
      clientSecret: cfg.oidc.clientSecret,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (profile: { sub: string; email?: string; name?: string }) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.email ?? profile.sub,
      }),
    });
  }
  return {
    providers,
    secret: cfg.authSecret,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: '/login', error: '/login' },
    // One line per problem: a forged or expired cookie is routine, not a stack trace.
    logger: {
      error: (code, metadata) =>
        console.warn(`next-auth: ${code}: ${(metadata as { message?: string }).message ?? ''}`),
      warn: (code) => console.warn(`next-auth: ${code}`),
      debug: () => {},
    },
    callbacks: {
      // OIDC proves who someone is; our database says whether they may come in and with which role.
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        const email = user.email?.toLowerCase();
        const known = email ? await db.user.findUnique({ where: { email }, select: { id: true, active: true } }) : null;
        await recordAuditEvent({
          actor: known ? { id: known.id, email } : { email: email ?? undefined },
          action: 'auth.sign-in',
          result: known?.active ? 'ok' : 'denied',
          detail: { method: 'oidc' },
        });
        return !!known?.active;
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === 'oidc' && user.email) {
          const known = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
          token.sub = known?.id;
        } else if (user) {
          token.sub = user.id;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
