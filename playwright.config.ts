import { defineConfig } from '@playwright/test';

// Started by scripts/run-tests.ts, which prepares the database and the emulator the server uses.
const port = Number(process.env.FLEETPANE_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    // A page's own fetch and forms send its Origin; Playwright's API requests (page.request) do not. The
    // tests' API calls stand for the signed-in page, so they carry it too (proxy.ts refuses cookie-signed
    // writes from elsewhere); e2e/security-headers.spec.ts sends the cross-site ones.
    extraHTTPHeaders: { origin: baseURL },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Specs that add to the fleet run after the specs that count it; the fuzz spec runs alone, last, so that
  // what it checks is unchanged is not changed by another spec meanwhile.
  projects: [
    {
      name: 'fleet',
      testIgnore: /(provision|audit-walk|fuzz|aws-hang|database-lost|sign-in-throttle)\.spec\.ts/,
    },
    { name: 'changes-the-fleet', testMatch: /(provision|audit-walk)\.spec\.ts/, dependencies: ['fleet'] },
    { name: 'fuzz', testMatch: /fuzz\.spec\.ts/, dependencies: ['changes-the-fleet'] },
    // All of AWS hung for 90 s: last, so no other spec meets it.
    { name: 'outage', testMatch: /aws-hang\.spec\.ts/, dependencies: ['fuzz'] },
    // Failed sign-ins count against the one address every spec signs in from: after everything else.
    // The database lost for 30 s (PostgreSQL runs): after AWS's faults, before the sign-in throttle.
    { name: 'database-lost', testMatch: /database-lost\.spec\.ts/, dependencies: ['outage'] },
    { name: 'throttling', testMatch: /sign-in-throttle\.spec\.ts/, dependencies: ['database-lost'] },
  ],
  webServer: {
    command: 'node --import tsx scripts/serve.ts',
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The app reaches AWS through the test run's fault proxy; the tests themselves talk to the emulator.
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      NEXTAUTH_URL: baseURL,
      ...(process.env.FLEETPANE_APP_AWS_ENDPOINT_URL
        ? { AWS_ENDPOINT_URL: process.env.FLEETPANE_APP_AWS_ENDPOINT_URL }
        : {}),
      // PostgreSQL runs: the app's database through the proxy e2e/database-lost.spec.ts cuts.
      ...(process.env.FLEETPANE_APP_DATABASE_URL ? { DATABASE_URL: process.env.FLEETPANE_APP_DATABASE_URL } : {}),
      // An operation a lost database interrupted is taken again once its claim runs out: soon, in the tests.
      FLEETPANE_OPERATION_CLAIM_MS: '10000',
    },
  },
});
