// `npm test`: unit and integration tests (vitest, against the emulator and a real database), then the
// browser suite (Playwright and Chromium) against the built app. With DATABASE_URL set, everything runs
// on scratch databases created on that server and dropped afterwards; your own data is never touched.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { config } from '../lib/config';
import { buildIfChanged } from './lib/build';
import { ensureChromium } from './lib/chromium';
import { demoAwsEnv, startEmulatedEngine, startEmulator } from './lib/emulator';
import { exitOnError, runChild, startChild, stopChildren, tsArgs } from './lib/processes';
import { createScratchDatabase } from './lib/scratch-database';
import { startDatabaseProxy } from './lib/database-proxy';
import { startFaultProxy } from './lib/fault-proxy';
import { SECOND_OWN_ACCOUNT } from '../lib/server/demo/demo-chains';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', name);

type Counts = { passed: number; failed: number; skipped: number };

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests };
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

/** Lint (Prettier, ESLint), then unit and integration tests. */
async function lintAndVitest(serverUrl: string | undefined): Promise<Counts[]> {
  // Unit and integration: each integration file makes its own database (tests/support/test-database.ts).
  // Child processes ignore undefined variables: DATABASE_URL is left out, each file makes its own.
  // Lint first: Prettier's layout and ESLint (no import cycles, files under 300 lines, no `any`).
  const lint = await runChild(process.execPath, [bin('prettier/bin/prettier.cjs'), '--check', '.'], { cwd: root })
    .then(() => runChild(process.execPath, [bin('eslint/bin/eslint.js'), '--max-warnings=0', '.'], { cwd: root }))
    .then(() => true)
    .catch(() => false);
  const lintCounts = lint ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  const vitestEnv = { ...process.env, FLEETPANE_TEST_DATABASE_URL: serverUrl, DATABASE_URL: undefined };
  await runChild(
    process.execPath,
    [
      bin('vitest/vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ],
    { cwd: root, env: vitestEnv },
  ).catch(() => {});
  return [lintCounts, vitestCounts(path.join(root, 'test-results/vitest.json'))];
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const serverUrl = env.DATABASE_URL;
  env.FLEETPANE_DEMO = 'true';
  env.NEXTAUTH_SECRET = randomBytes(32).toString('base64url');
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  config(); // a bad DATABASE_URL fails here, in one sentence
  env.CHROMIUM_PATH = ensureChromium();
  env.AWS_ENDPOINT_URL = await startEmulator(Number(env.FLEETPANE_TEST_EMULATOR_PORT ?? 4567));
  Object.assign(env, demoAwsEnv);
  // A secret key of this run only (the emulator accepts any), so e2e/shipped-secrets.spec.ts can look for it.
  env.AWS_SECRET_ACCESS_KEY = `test-${randomBytes(18).toString('base64url')}`;
  // The engine behind the emulator's RDS instances: the embedded stand-in, never your server (the demo
  // fleet's chain databases would be left there). The shared-instance tests use the server themselves.
  env.FLEETPANE_EMULATED_ENGINE_URL ??= await startEmulatedEngine(Number(env.FLEETPANE_TEST_ENGINE_PORT ?? 4571), root);
  const mode = serverUrl ? `PostgreSQL server (${new URL(serverUrl).host})` : 'embedded PGlite';
  console.log(`Test run: database ${mode}, emulator ${env.AWS_ENDPOINT_URL}`);

  rmSync(path.join(root, 'test-results'), { recursive: true, force: true });
  const results: Counts[] = [];
  const appEnv: Record<string, string> = {};
  const cleanups: (() => Promise<void>)[] = [];
  try {
    // `npm test -- e2e/x.spec.ts` runs only those browser specs: no lint, unit or integration tests.
    const specs = process.argv.slice(2).filter((arg) => arg.endsWith('.spec.ts'));
    if (specs.length === 0) results.push(...(await lintAndVitest(serverUrl)));

    // Browser: a clean emulator and database with the demo fleet, served by the built app.
    await fetch(`${env.AWS_ENDPOINT_URL}/moto-api/reset`, { method: 'POST' });
    if (serverUrl) {
      const scratch = await createScratchDatabase(serverUrl, 'fleetpane_e2e');
      cleanups.push(scratch.drop);
      env.DATABASE_URL = scratch.url;
      // The app reaches it through a TCP proxy that e2e/database-lost.spec.ts cuts; everything else, direct.
      const target = new URL(scratch.url);
      const dbProxy = await startDatabaseProxy({
        target: { host: target.hostname, port: Number(target.port || 5432) },
        port: Number(env.FLEETPANE_TEST_DATABASE_PROXY_PORT ?? 4572),
        controlPort: Number(env.FLEETPANE_TEST_DATABASE_PROXY_CONTROL_PORT ?? 4573),
      });
      cleanups.push(dbProxy.close);
      const proxied = new URL(scratch.url);
      proxied.hostname = dbProxy.host;
      proxied.port = String(dbProxy.port);
      appEnv.FLEETPANE_APP_DATABASE_URL = proxied.toString();
      appEnv.FLEETPANE_TEST_DATABASE_PROXY_URL = dbProxy.controlUrl;
    } else {
      env.FLEETPANE_DATA_DIR = path.join(root, '.data/e2e');
      rmSync(env.FLEETPANE_DATA_DIR, { recursive: true, force: true });
    }
    await runChild(process.execPath, tsArgs(path.join(root, 'scripts/prepare.ts'), ['--days', '1']), { cwd: root });
    await runChild(process.execPath, tsArgs(path.join(root, 'scripts/demo-metrics.ts'), ['--days', '1']), {
      cwd: root,
    });
    startChild(process.execPath, tsArgs(path.join(root, 'scripts/demo-metrics.ts'), ['--days', '0', '--follow']), {
      cwd: root,
      stdio: 'ignore',
    });
    await buildIfChanged();
    // The app under test reaches AWS through a proxy that denies the second chain-owned account.
    const proxy = await startFaultProxy({
      target: env.AWS_ENDPOINT_URL,
      port: Number(env.FLEETPANE_TEST_PROXY_PORT ?? 4568),
      deniedAccounts: [SECOND_OWN_ACCOUNT],
    });
    cleanups.push(async () => proxy.close());
    const only = specs.length > 0 ? ['--no-deps', ...specs] : [];
    await runChild(process.execPath, [bin('@playwright/test/cli.js'), 'test', ...only], {
      cwd: root,
      env: { ...env, ...appEnv, FLEETPANE_APP_AWS_ENDPOINT_URL: proxy.url },
    }).catch(() => {});
    results.push(playwrightCounts(path.join(root, 'test-results/e2e.json')));
  } finally {
    stopChildren();
    for (const cleanup of cleanups) await cleanup().catch(() => {});
  }
  const total = results.reduce(
    (a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log(`\nnpm test (${mode}) took ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}

main().catch(exitOnError);
