import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

// What the browser is sent must not carry a server secret: the built JavaScript (.next/static, every file a
// browser can fetch) and the pages and their RSC payloads as an admin receives them. The run's secrets are
// fresh random values (scripts/run-tests.ts), so a match can only be a leak.

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

function secrets(): { NEXTAUTH_SECRET: string; AWS_SECRET_ACCESS_KEY: string } & Record<string, string> {
  const env = process.env;
  const found: { NEXTAUTH_SECRET: string; AWS_SECRET_ACCESS_KEY: string } & Record<string, string> = {
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? '',
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? '',
    FLEETPANE_EMULATED_ENGINE_URL: env.FLEETPANE_EMULATED_ENGINE_URL ?? '',
  };
  if (env.DATABASE_URL) {
    found.DATABASE_URL = env.DATABASE_URL;
    found['the database name'] = new URL(env.DATABASE_URL).pathname.slice(1);
  }
  return found;
}

test('the shipped JavaScript and the pages carry no server secret', async ({ page, signInAs }) => {
  test.setTimeout(180_000); // a dozen full page renders on a busy 2-core machine
  const wanted = secrets();
  expect(wanted.NEXTAUTH_SECRET.length).toBeGreaterThan(20);
  expect(wanted.AWS_SECRET_ACCESS_KEY).toMatch(/^test-/);
  const staticDir = path.resolve(import.meta.dirname, '../.next/static');
  const shipped = files(staticDir);
  expect(shipped.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(10);
  for (const file of shipped) {
    const text = readFileSync(file, 'latin1');
    for (const [name, value] of Object.entries(wanted)) {
      expect(text.includes(value), `${name} in ${path.relative(staticDir, file)}`).toBe(false);
    }
  }
  await signInAs('admin');
  for (const url of ['/fleet', '/chains/burger-barn', '/operations', '/sla', '/reports/costs', '/settings/tokens']) {
    for (const headers of [{}, { rsc: '1' }] as Record<string, string>[]) {
      const body = await (await page.request.get(url, { headers })).text();
      for (const [name, value] of Object.entries(wanted)) expect(body.includes(value), `${name} in ${url}`).toBe(false);
    }
  }
});
