import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const pages = [
  ['/fleet', 'ops'],
  ['/chains/burger-barn', 'ops'],
  ['/settings/tokens', 'ops'],
  ['/sla', 'am'],
  ['/chains/smoky-bbq/sla', 'am'],
  ['/chains/burger-barn/contract', 'am'],
  ['/chains/burger-barn/contract/edit', 'am'],
  ['/chains/taco-tierra/report', 'am'],
  ['/settings/tiers', 'admin'],
  ['/settings/tiers/enterprise', 'admin'],
  ['/reports/costs', 'finance'],
  ['/reports/costs/burger-barn', 'finance'],
  ['/settings/prices', 'admin'],
  ['/settings/users', 'admin'],
  ['/operations', 'ops'],
  ['/alerts', 'ops'],
  ['/settings/alert-channels', 'admin'],
  ['/audit', 'admin'],
  ['/audit?action=operation.', 'ops'],
] as const;

for (const [path, who] of pages) {
  test(`axe finds no violations on ${path}`, async ({ page, signInAs }) => {
    await signInAs(who);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (/^\/chains\/[^/]+$/.test(path)) await expect(page.getByTestId('charts-24h')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('axe finds no violations on the login page', async ({ page }) => {
  await page.goto('/login');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
