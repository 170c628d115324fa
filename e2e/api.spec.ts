import Ajv2020 from 'ajv/dist/2020.js';
import { expect, test } from './fixtures';

test('a personal token reads the API until it is revoked', async ({ page, signInAs, playwright, baseURL }) => {
  await signInAs('finance');
  await page.goto('/settings/tokens');
  const name = `ci-${Date.now()}`;
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^fpt_/);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const res = await api.get('/api/v1/chains?tier=enterprise');
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { total: number }).total).toBe(4);
  // The token acts with its owner's role: finance may not refresh the fleet.
  expect((await api.post('/api/v1/fleet/refresh')).status()).toBe(403);

  await page.reload();
  await page
    .getByTestId(`token-${name}`)
    .getByRole('button', { name: /Revoke/ })
    .click();
  await expect(page.getByTestId(`token-${name}`)).toContainText('revoked');
  expect((await api.get('/api/v1/chains')).status()).toBe(401);
  const forged = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: 'Bearer fpt_not-a-real-token' },
  });
  expect((await forged.get('/api/v1/chains')).status()).toBe(401);
});

test('the OpenAPI document validates the real responses', async ({ page, signInAs }) => {
  await signInAs('ops');
  const doc = (await (await page.request.get('/api/v1/openapi.json')).json()) as {
    components: { schemas: Record<string, object> };
    paths: Record<string, unknown>;
  };
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/chains', '/chains/{slug}']));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  const validate = (id: string, body: unknown) => {
    const check = ajv.getSchema(`openapi#/components/schemas/${id}`)!;
    expect(check(body), JSON.stringify(check.errors)).toBe(true);
  };

  const list = (await (await page.request.get('/api/v1/chains')).json()) as {
    chains: { slug: string; health: string; availability: number | null }[];
  };
  validate('FleetPage', list);
  expect(list.chains.every((c) => ['healthy', 'degraded', 'down', 'unknown'].includes(c.health))).toBe(true);
  validate('ChainResponse', await (await page.request.get('/api/v1/chains/noodle-nest')).json());
  validate('ChainResponse', await (await page.request.get('/api/v1/chains/falafel-factory')).json());
  // Ops may not read a contract's money: a documented 403 (finance reads it below).
  const refused = await page.request.get('/api/v1/chains/burger-barn/contract');
  expect(refused.status()).toBe(403);
  validate('Error', await refused.json());
  const bad = await page.request.get('/api/v1/chains?size=0&health=meh');
  expect(bad.status()).toBe(400);
  const error = (await bad.json()) as { issues: string[] };
  validate('Error', error);
  expect(error.issues).toHaveLength(2);

  await signInAs('finance');
  validate('ContractResponse', await (await page.request.get('/api/v1/chains/burger-barn/contract')).json());
});
