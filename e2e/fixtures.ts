import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export type DemoLogin = 'admin' | 'ops' | 'am' | 'am2' | 'finance';
export const DEMO_CHAINS = 16;

type Fixtures = {
  signInAs: (who: DemoLogin) => Promise<void>;
  /** Console errors a spec expects (an outage's 503s); any other fails the test. */
  expectedConsoleErrors: RegExp[];
};

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

// A refused or missing page is a test's point, not a page's error: the browser logs its status as an error.
const expectedStatus = /^Failed to load resource: the server responded with a status of (400|401|403|404|409|429)/;

/** Every error the page's scripts throw or log (a hydration mismatch among them: React #418). */
function watchErrors(page: Page, errors: string[], expected: RegExp[]): void {
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !expectedStatus.test(message.text()) &&
      !/content security policy/i.test(message.text()) &&
      !expected.some((e) => e.test(message.text()))
    )
      errors.push(`${page.url()}: ${message.text()}`);
  });
}

export const test = base.extend<Fixtures>({
  // Any CSP violation, and any error in the console, fails the test: the policy (proxy.ts) and the pages must
  // agree, and what the server renders is what the browser renders first.
  expectedConsoleErrors: [[], { option: true }],
  page: async ({ page, expectedConsoleErrors }, use) => {
    const violations: string[] = [];
    const errors: string[] = [];
    await watchCsp(page, violations);
    watchErrors(page, errors, expectedConsoleErrors);
    await use(page);
    expect(violations, 'Content Security Policy violations').toEqual([]);
    expect(errors, 'errors in the browser console').toEqual([]);
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
