import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export type DemoLogin = 'admin' | 'ops' | 'am' | 'am2' | 'finance';
export const DEMO_CHAINS = 16;

type Fixtures = { signInAs: (who: DemoLogin) => Promise<void> };

type ViolationSink = { __fleetpaneCspViolation: (line: string) => void };

/** Every Content Security Policy violation the page reports, from the console and from its DOM events. */
async function watchCsp(page: Page, violations: string[]): Promise<void> {
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__fleetpaneCspViolation', (line: string) => violations.push(line));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const line = `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.documentURI}`;
      (window as unknown as ViolationSink).__fleetpaneCspViolation(line);
    });
  });
}

export const test = base.extend<Fixtures>({
  // Any CSP violation fails the test: the policy (proxy.ts) and the pages must agree.
  page: async ({ page }, use) => {
    const violations: string[] = [];
    await watchCsp(page, violations);
    await use(page);
    expect(violations, 'Content Security Policy violations').toEqual([]);
  },
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
