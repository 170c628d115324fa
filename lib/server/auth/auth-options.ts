import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { config } from '@/lib/config';
import { db } from '@/lib/server/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { verifyCredentials } from './credentials';
import { sessionCookies } from './session-cookies';
import { endSession, findSessionUser, startSession } from './user-sessions';
import type { SessionUser } from './user-sessions';

/** Thrown by the jwt callback for a JWT without a live session: next-auth then clears the cookie. */
const NO_LIVE_SESSION = 'no live session';

// The user a token's live session was checked for, handed from the jwt callback to the session callback of
// the same read without writing it into the cookie (the JWT carries only the session and user ids).
const liveUsers = new WeakMap<object, SessionUser>();

export type SignInContext = { ip?: string | null };

export function authOptions(context: SignInContext = {}): NextAuthOptions {
  const cfg = config();
  const providers: NextAuthOptions['providers'] = [];
  if (cfg.demo) {
    providers.push(
      CredentialsProvider({
        id: 'credentials',
        name: 'Demo sign-in',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials) => verifyCredentials(credentials, { demo: cfg.demo, ip: context.ip }),
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
    // The server-side session enforces both timeouts; the JWT never outlives the absolute one either.
    session: { strategy: 'jwt', maxAge: cfg.sessions.maxHours * 60 * 60 },
    useSecureCookies: cfg.sessions.secureCookies,
    cookies: sessionCookies(cfg.sessions.secureCookies),
    pages: { signIn: '/login', error: '/login' },
    // One line per problem: a forged or expired cookie is routine, not a stack trace.
    logger: {
      error: (code, metadata) => {
        const message = (metadata as { message?: string }).message ?? '';
        // An ended or timed-out session is routine: the visitor is simply signed out.
        if (message !== NO_LIVE_SESSION) console.warn(`next-auth: ${code}: ${message}`);
      },
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
      // At sign-in: a new server-side session. On every later read: that session must still live.
      async jwt({ token, user, account }) {
        if (user) {
          const userId = await signedInUserId(user, account?.provider);
          if (!userId) throw new Error('signed-in user not found');
          return { sub: userId, sid: await startSession(userId) };
        }
        const live =
          typeof token.sid === 'string' && typeof token.sub === 'string'
            ? await findSessionUser({ sessionId: token.sid, userId: token.sub })
            : null;
        if (!live) throw new Error(NO_LIVE_SESSION);
        liveUsers.set(token, live);
        return token;
      },
      session({ session, token }) {
        const live = liveUsers.get(token);
        return live ? { expires: session.expires, user: live } : { expires: session.expires };
      },
    },
    events: {
      // Sign-out ends the session server-side: a copy of the cookie replayed afterwards is refused.
      async signOut({ token }) {
        if (typeof token?.sid !== 'string') return;
        const sid = token.sid;
        await db.$transaction(async (tx) => {
          await endSession(sid, 'sign-out', new Date(), tx);
          await recordAuditEvent(
            {
              actor: { id: token.sub },
              action: 'auth.sign-out',
              result: 'ok',
              target: `session:${sid}`,
              ip: context.ip,
            },
            tx,
          );
        });
      },
    },
  };
}

/** Our user id for who just signed in: OIDC users are matched on email, credential users carry it. */
async function signedInUserId(user: { id: string; email?: string | null }, provider?: string): Promise<string | null> {
  if (provider !== 'oidc') return user.id;
  if (!user.email) return null;
  const known = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
  return known?.id ?? null;
}
