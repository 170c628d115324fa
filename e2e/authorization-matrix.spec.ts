import type { APIRequestContext, APIResponse } from '@playwright/test';
import { actions, pages, routes } from '../lib/server/auth/access-matrix';
import type { Surface } from '../lib/server/auth/access-matrix';
import { can } from '../lib/server/auth/roles';
import type { Permission } from '../lib/server/auth/roles';
import { demoEmail, signedIn, signedOut, withToken } from './support/callers';
import type { DemoLogin } from './support/callers';
import { callAction, findAction } from './support/server-actions';
import { createToken, revokeToken } from './support/tokens';
import { expect, test } from './fixtures';

// The role × action matrix (lib/server/auth/access-matrix.ts with the grants of roles.ts), asked of the server
// over HTTP for every page, route handler and server action: each demo role, signed out and a revoked token.
// An allowed call passes authorization (it answers anything but 401/403: writes are sent empty, so validation
// answers them and nothing changes); a refused one gets 401/403, and each 403 is in the audit trail.

type Role = 'admin' | 'ops' | 'account_manager' | 'finance';
const logins: { login: DemoLogin; role: Role }[] = [
  { login: 'admin', role: 'admin' },
  { login: 'ops', role: 'ops' },
  { login: 'am', role: 'account_manager' },
  { login: 'am2', role: 'account_manager' },
  { login: 'finance', role: 'finance' },
];
// burger-barn is managed by am (lib/server/demo/demo-chains.ts): am2 is "another account manager" for it.
const CHAIN = 'burger-barn';
const OWNER: DemoLogin = 'am';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const STATELESS_ACTIONS = new Set(['revokeTokenAction', 'sendTestAction', 'deleteChannelAction']);

const concrete = (pattern: string) =>
  pattern
    .replace('[slug]', CHAIN)
    .replace('[key]', 'standard')
    .replace('[id]', UNKNOWN_ID)
    .replace('[...nextauth]', 'session');

function allowed(login: DemoLogin, role: Role, surface: Surface): boolean {
  if (surface.permission === 'public') return true;
  if (!can(role, surface.permission)) return false;
  return surface.scope !== 'chain' || role !== 'account_manager' || login === OWNER;
}

function label(surface: Surface): string {
  if (surface.kind === 'action') return `action ${surface.name}`;
  return surface.kind === 'route' ? `${surface.method} ${surface.path}` : `page ${surface.path}`;
}

async function ask(request: APIRequestContext, surface: Surface, origin: string): Promise<APIResponse> {
  if (surface.kind === 'page') return request.get(concrete(surface.path), { maxRedirects: 0 });
  if (surface.kind === 'route') {
    return request.fetch(concrete(surface.path), {
      method: surface.method,
      maxRedirects: 0,
      ...(surface.method === 'GET' ? {} : { data: {}, headers: { 'content-type': 'application/json' } }),
    });
  }
  const target = findAction(surface.file, surface.name);
  const url = concrete(target.pagePath);
  return callAction(request, target, url, { slug: CHAIN }, { withState: !STATELESS_ACTIONS.has(surface.name), origin });
}

const surfaces: Surface[] = [
  ...pages,
  ...routes.filter((route) => route.permission !== 'public' || route.method === 'GET'),
  ...actions,
];

test.describe('the role × action matrix, asked of the server', () => {
  test.describe.configure({ timeout: 180_000 });

  test('each role is allowed exactly what the matrix grants; refusals are 403 and audited', async ({
    playwright,
    baseURL,
  }) => {
    const since = new Date(Date.now() - 1000).toISOString();
    const denials = new Map<string, number>();
    for (const { login, role } of logins) {
      const request = await signedIn(playwright, baseURL!, demoEmail(login));
      for (const surface of surfaces) {
        const res = await ask(request, surface, baseURL!);
        const what = `${login} → ${label(surface)}: ${res.status()}`;
        expect(res.status(), what).toBeLessThan(500);
        if (allowed(login, role, surface)) {
          expect([401, 403], what).not.toContain(res.status());
          // An action answers in React's wire format when it ran (not a page rendered instead).
          if (surface.kind === 'action') expect(res.headers()['content-type'], what).toContain('text/x-component');
        } else {
          expect(res.status(), what).toBe(403);
          const key = `${demoEmail(login)} ${surface.permission as Permission}`;
          denials.set(key, (denials.get(key) ?? 0) + 1);
        }
      }
      await request.dispose();
    }
    // Every refusal above left an audit event naming the caller and the permission.
    const admin = await signedIn(playwright, baseURL!, demoEmail('admin'));
    const res = await admin.get(`/api/v1/audit?action=authz.denied:&since=${since}&limit=500`);
    expect(res.status()).toBe(200);
    const { events } = (await res.json()) as { events: { actor: string; action: string; result: string }[] };
    for (const [key, count] of denials) {
      const [email, permission] = key.split(' ');
      const audited = events.filter(
        (e) => e.actor === email && e.action === `authz.denied:${permission}` && e.result === 'denied',
      );
      expect(audited.length, `audited refusals of ${key}`).toBeGreaterThanOrEqual(count);
    }
  });

  test('signed out: pages lead to the login page, routes and actions answer 401', async ({ playwright, baseURL }) => {
    const request = await signedOut(playwright, baseURL!);
    for (const surface of surfaces) {
      const res = await ask(request, surface, baseURL!);
      const what = `signed out → ${label(surface)}: ${res.status()}`;
      if (surface.permission === 'public') {
        expect([401, 403], what).not.toContain(res.status());
      } else if (surface.kind === 'page') {
        expect([303, 307], what).toContain(res.status());
        expect(res.headers().location, what).toMatch(/\/login$/);
      } else {
        expect(res.status(), what).toBe(401);
      }
    }
  });

  test('a revoked token is refused everywhere the token was accepted', async ({
    page,
    signInAs,
    playwright,
    baseURL,
  }) => {
    await signInAs('ops');
    const { token, name } = await createToken(page, 'matrix');
    const api = await withToken(playwright, baseURL!, token);
    expect((await api.get('/api/v1/chains')).status()).toBe(200);
    await revokeToken(page, name);
    for (const route of routes.filter((r) => r.permission !== 'public')) {
      const res = await ask(api, route, baseURL!);
      expect(res.status(), `revoked token → ${label(route)}`).toBe(401);
    }
  });

  test('a deactivated user is refused at once: their session and their token', async ({ playwright, baseURL }) => {
    const admin = await signedIn(playwright, baseURL!, demoEmail('admin'));
    const email = `matrix-${Date.now()}@fleetpane.local`;
    const password = 'matrix-password-1234';
    const created = await admin.post('/api/v1/users', { data: { email, name: 'Matrix Ops', role: 'ops', password } });
    expect(created.status()).toBe(201);
    const { user } = (await created.json()) as { user: { id: string } };
    const session = await signedIn(playwright, baseURL!, email, password);
    expect((await session.get('/api/v1/chains')).status()).toBe(200);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { data: { active: false } })).status()).toBe(200);
    for (const surface of surfaces.filter((s) => s.permission !== 'public')) {
      const res = await ask(session, surface, baseURL!);
      const what = `deactivated → ${label(surface)}: ${res.status()}`;
      if (surface.kind === 'page') expect([303, 307], what).toContain(res.status());
      else expect(res.status(), what).toBe(401);
    }
  });
});
