import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';
import { expect } from '@playwright/test';

// Who calls the server in the security specs: request contexts signed in as a demo user, signed out, or
// carrying an API token. A cookie-authenticated write sends the app's own Origin, as a browser would.

export type DemoLogin = 'admin' | 'ops' | 'am' | 'am2' | 'finance';

type Playwright = PlaywrightWorkerArgs['playwright'];

export async function signedIn(
  playwright: Playwright,
  baseURL: string,
  email: string,
  password = 'fleetpane-demo',
): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await context.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  expect(res.ok(), `sign-in as ${email}`).toBe(true);
  const session = (await (await context.get('/api/auth/session')).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
  return context;
}

export const demoEmail = (who: DemoLogin) => `${who}@fleetpane.local`;

export function signedOut(playwright: Playwright, baseURL: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
}

export function withToken(playwright: Playwright, baseURL: string, token: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}
