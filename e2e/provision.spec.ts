import { expect, test } from './fixtures';

// Adds a chain to the fleet: runs after every other spec (see playwright.config.ts), whose counts it would change.
test('ops provisions a new chain from the operations page and it joins the fleet', async ({ page, signInAs }) => {
  await signInAs('ops');
  const slug = `gelato-${Date.now().toString(36)}`;
  await page.goto('/operations');
  await expect(async () => {
    await page.getByText('Provision a new chain').click();
    await expect(page.getByLabel('Slug')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByLabel('Tier').selectOption('standard');
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Name', { exact: true }).fill('Gelato Garden');
  await page.getByLabel('Region').fill('us-east-1');
  await page.getByLabel('Contract start').fill('2026-12-01');
  await page.getByLabel('Contract end').fill('2027-11-30');
  await page.getByLabel('Monthly price').fill('1490.00');
  await page.getByRole('button', { name: 'Provision', exact: true }).click();
  await expect(page.getByText(`Provisioning ${slug}`)).toBeVisible();
  const op = page.getByTestId('operations').locator('li[data-status]').filter({ hasText: 'Provision the chain' }).first();
  await expect(op).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  const res = await page.goto(`/chains/${slug}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Gelato Garden' })).toBeVisible();
});
