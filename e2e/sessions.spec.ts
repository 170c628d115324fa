import type { APIRequestContext, Browser, BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';

// Sessions and sign-in throttling from the outside. ops2@ is signed in as by this spec only: it gets locked.
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

test.describe('sign-in throttling', () => {
  test('failed sign-ins lock the account with 429 and Retry-After, the right password included; others still sign in', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const stranger = await browser.newContext({ baseURL });
    for (let i = 0; i < 5; i++) {
      expect((await postSignIn(stranger.request, 'ops2@fleetpane.local', `guess-${i}`)).status()).toBe(401);
    }
    // The sixth and later wait 1 s, 2 s, 4 s...: keep guessing (waiting when told to) until the lock is long
    // enough that the next requests surely fall inside it, whatever the machine's speed.
    for (let i = 0; i < 12; i++) {
      const res = await postSignIn(stranger.request, 'ops2@fleetpane.local', `guess-more-${i}`);
      if (res.status() === 401) continue;
      expect(res.status()).toBe(429);
      const wait = Number(res.headers()['retry-after']);
      if (wait >= 8) break;
      await page.waitForTimeout(wait * 1000);
    }
    const refused = await postSignIn(stranger.request, 'ops2@fleetpane.local', 'fleetpane-demo');
    expect(refused.status()).toBe(429);
    const wait = Number(refused.headers()['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: string }).error).toBe(
      `Too many failed sign-ins. Try again in ${wait} seconds.`,
    );
    expect(await (await stranger.request.get('/api/auth/session')).json()).toEqual({});
    expect((await stranger.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

    // The login form says how long to wait.
    await page.goto('/login');
    await page.getByLabel('Email').fill('ops2@fleetpane.local');
    await page.getByLabel('Password').fill('fleetpane-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: /^Too many failed sign-ins\. Try again in \d+ seconds?\.$/ }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);

    // Another account from the same address is not held by this account's counter.
    expect((await postSignIn(stranger.request, 'am2@fleetpane.local', 'fleetpane-demo')).ok()).toBe(true);
    await stranger.close();
  });
});
