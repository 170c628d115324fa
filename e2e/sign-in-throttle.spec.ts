import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';

// Sign-in throttling from the outside. Its own project, last: its failures count against this machine's one
// address (127.0.0.1) too, and a sign-in form test running beside it was refused once the address's 20 failures
// were reached. ops2@ is signed in as by this spec only: it gets locked.

const SESSION_COOKIE = 'next-auth.session-token';

async function postSignIn(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
}

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
