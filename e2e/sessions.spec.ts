import type { APIRequestContext, Browser, BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';

// Sessions from the outside (throttling: e2e/sign-in-throttle.spec.ts).
const SESSION_COOKIE = 'next-auth.session-token';

async function postSignIn(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
}

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'a session cookie').toBeDefined();
  return cookie!;
}

/** A fresh browser holding only a copy of the given session cookie. */
async function replay(browser: Browser, baseURL: string, value: string) {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: SESSION_COOKIE, value, url: baseURL }]);
  return context;
}

test.describe('sessions', () => {
  test('the session and CSRF cookies are HttpOnly, SameSite=Lax, Path=/', async ({ page, context, signInAs }) => {
    await signInAs('am2');
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Served on loopback over http, so neither Secure nor __Host- (see lib/server/auth/session-cookies.ts).
    expect(cookie.secure).toBe(false);
    const csrf = (await context.cookies()).find((c) => c.name === 'next-auth.csrf-token');
    expect(csrf).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    await page.goto('/fleet');
    await expect(page.getByTestId('current-user')).toContainText('Account manager');
  });

  test('each sign-in is its own session: signing one out leaves the other', async ({ browser, baseURL }) => {
    const first = await browser.newContext({ baseURL });
    const second = await browser.newContext({ baseURL });
    for (const context of [first, second])
      expect((await postSignIn(context.request, 'am2@fleetpane.local', 'fleetpane-demo')).ok()).toBe(true);
    const [a, b] = [(await sessionCookie(first)).value, (await sessionCookie(second)).value];
    expect(a).not.toBe(b);
    const page = await second.newPage();
    await page.goto('/fleet');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await first.request.get('/api/v1/chains')).status()).toBe(200);
    await first.close();
    await second.close();
  });

  test('after sign-out a replayed copy of the cookie gets the login page and 401', async ({
    page,
    context,
    browser,
    baseURL,
    signInAs,
  }) => {
    await signInAs('am2');
    const copy = (await sessionCookie(context)).value;
    await page.goto('/fleet');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    const attacker = await replay(browser, baseURL!, copy);
    const replayed = await attacker.newPage();
    await replayed.goto('/fleet');
    await expect(replayed).toHaveURL(/\/login$/);
    expect((await attacker.request.get('/api/v1/chains')).status()).toBe(401);
    expect(await (await attacker.request.get('/api/auth/session')).json()).toEqual({});
    await attacker.close();
  });
});
