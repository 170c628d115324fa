import { request as http } from '@playwright/test';
import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The web surface over HTTP: the headers on every kind of response, the CSP nonce, cross-site writes
// refused (proxy.ts), 415 for a JSON route sent another type, and the client address the audit log records.

function expectSecurityHeaders(res: APIResponse): void {
  const h = res.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['permissions-policy']).toContain('camera=()');
  // Served over http here: HSTS only when NEXTAUTH_URL is https.
  expect(h['strict-transport-security']).toBeUndefined();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
}

const nonceOf = (res: APIResponse) => /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')?.[1];

/** A context with the signed-in page's cookies and no Origin header (not even the config's default). */
async function cookieClient(page: Page, baseURL: string): Promise<APIRequestContext> {
  return http.newContext({ baseURL, storageState: await page.context().storageState(), extraHTTPHeaders: {} });
}

async function operationCount(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/operations?chain=sushi-wave');
  return ((await res.json()) as { operations: unknown[] }).operations.length;
}

test('a page: the headers, and a CSP nonce that is new on every request and on every script', async ({ request }) => {
  const first = await request.get('/login');
  const second = await request.get('/login');
  expectSecurityHeaders(first);
  const csp = first.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "default-src 'self'", "form-action 'self'"]) {
    expect(csp).toContain(directive);
  }
  const nonce = nonceOf(first)!;
  expect(nonceOf(second)).not.toBe(nonce);
  const scripts = [...(await first.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test('an API answer, a 404 and a static file carry the headers too', async ({ request }) => {
  const api = await request.get('/api/v1/chains');
  expect(api.status()).toBe(401);
  expectSecurityHeaders(api);
  expect(api.headers()['content-security-policy']).toContain("default-src 'none'");

  const missing = await request.get('/no-such-page');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing);

  const html = await (await request.get('/login')).text();
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const file = await request.get(asset!);
  expect(file.status()).toBe(200);
  expectSecurityHeaders(file);
});

test('a cookie-signed write from another origin is refused and changes nothing; from ours it passes', async ({
  page,
  signInAs,
  baseURL,
}) => {
  await signInAs('admin');
  const path = '/api/v1/chains/sushi-wave/contract';
  const before = (await (await page.request.get(path)).json()) as { contract: Record<string, unknown> };
  const changed = { ...before.contract, marginTargetPct: '12.5' };
  const bare = await cookieClient(page, baseURL!);
  const operationsBefore = await operationCount(page);

  const foreign = await bare.put(path, { data: changed, headers: { origin: 'https://evil.example' } });
  expect(foreign.status()).toBe(403);
  expect(((await foreign.json()) as { error: string }).error).toMatch(/Origin https:\/\/evil\.example is not/);
  expectSecurityHeaders(foreign);
  const crossSite = await bare.post('/api/v1/chains/sushi-wave/operations', {
    data: { type: 'backup', params: {} },
    headers: { 'sec-fetch-site': 'cross-site', 'idempotency-key': `cross-${Date.now()}` },
  });
  expect(crossSite.status()).toBe(403);
  expect(((await crossSite.json()) as { error: string }).error).toMatch(/Sec-Fetch-Site is cross-site/);
  const noOrigin = await bare.put(path, { data: changed });
  expect(noOrigin.status()).toBe(403);

  const after = (await (await page.request.get(path)).json()) as { contract: Record<string, unknown> };
  expect(after.contract).toEqual(before.contract);
  expect(await operationCount(page)).toBe(operationsBefore);

  // The same write from the console's own origin (or a same-origin fetch without Origin) goes through.
  const same = await bare.put(path, { data: before.contract, headers: { 'sec-fetch-site': 'same-origin' } });
  expect(same.status()).toBe(200);
  const saved = ((await same.json()) as { contract: Record<string, unknown> }).contract;
  const own = await bare.put(path, { data: saved, headers: { origin: new URL(baseURL!).origin } });
  expect(own.status()).toBe(200);
  await bare.dispose();
});

test('an API token call needs no Origin; a JSON route sent text/plain is a 415', async ({
  page,
  signInAs,
  playwright,
  baseURL,
}) => {
  await signInAs('ops');
  await page.goto('/settings/tokens');
  await page.getByRole('textbox', { name: 'Token name' }).fill(`web-${Date.now()}`);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  // Only the token: no Origin, no cookie.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const body = { type: 'backup', params: {} };
  const plain = await api.post('/api/v1/chains/kebab-corner/operations', {
    data: JSON.stringify(body),
    headers: { 'content-type': 'text/plain', 'idempotency-key': `plain-${Date.now()}` },
  });
  expect(plain.status()).toBe(415);
  expect(((await plain.json()) as { error: string }).error).toContain('Content-Type: application/json');
  expectSecurityHeaders(plain);
  // Without Origin or Sec-Fetch-Site, a token is not a cookie: the write goes through.
  const refresh = await api.post('/api/v1/fleet/refresh', { timeout: 120_000 });
  expect(refresh.status()).toBe(200);
  await api.dispose();
});
