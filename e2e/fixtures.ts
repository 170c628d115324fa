import { test as base, expect } from '@playwright/test';

export type DemoLogin = 'admin' | 'ops' | 'am' | 'am2' | 'finance';
export const DEMO_CHAINS = 16;

type Fixtures = { signInAs: (who: DemoLogin) => Promise<void> };

export const test = base.extend<Fixtures>({
  // Signs in through next-auth's API (not the form), sharing the page's cookies.
  signInAs: async ({ page }, use) => {
    await use(async (who) => {
      const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
      const res = await page.request.post('/api/auth/callback/credentials', {
        form: { csrfToken, email: `${who}@fleetpane.local`, password: 'fleetpane-demo', json: 'true' },
      });
      expect(res.ok()).toBe(true);
      const session = (await (await page.request.get('/api/auth/session')).json()) as { user?: { email?: string } };
      expect(session.user?.email).toBe(`${who}@fleetpane.local`);
    });
  },
});

export { expect };
