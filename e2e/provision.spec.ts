import { expect, test } from './fixtures';

// Adds a chain to the fleet: runs after every other spec (see playwright.config.ts), whose counts it would change.
test('ops provisions a new chain from the operations page and it joins the fleet', async ({ page, signInAs }) => {
  await signInAs('ops');
  const slug = `gelato-${Date.now().toString(36)}`;
  await page.goto('/operations');
  const form = page.getByTestId('provision-form');
  const field = (label: string) => form.getByLabel(label, { exact: true });
  await expect(async () => {
    await form.getByText('Provision a new chain').click();
    await expect(field('Slug')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await field('Tier').selectOption('standard');
  await field('Slug').fill(slug);
  await field('Name').fill('Gelato Garden');
  await field('Region').fill('us-east-1');
  await field('Contract start').fill('2026-12-01');
  await field('Contract end').fill('2027-11-30');
  await field('Monthly price').fill('1490.00');
  await form.getByRole('button', { name: 'Provision', exact: true }).click();
  await expect(page.getByText(`Provisioning ${slug}`)).toBeVisible();
  const op = page.getByTestId('operations').locator('li[data-status]').filter({ hasText: 'Provision the chain' }).first();
  await expect(op).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  const res = await page.goto(`/chains/${slug}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Gelato Garden' })).toBeVisible();
});

test('ops provisions a starter chain into its own database on a shared instance', async ({ page, signInAs }) => {
  await signInAs('ops');
  const slug = `pho-${Date.now().toString(36)}`;
  await page.goto('/operations');
  const form = page.getByTestId('provision-form');
  const field = (label: string) => form.getByLabel(label, { exact: true });
  await expect(async () => {
    await form.getByText('Provision a new chain').click();
    await expect(field('Slug')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await field('Tier').selectOption('starter');
  await field('Database').selectOption('shared');
  await field('Slug').fill(slug);
  await field('Name').fill('Pho Place');
  await field('Region').fill('us-east-1');
  await field('Contract start').fill('2026-12-01');
  await field('Contract end').fill('2027-11-30');
  await field('Monthly price').fill('490.00');
  await form.getByRole('button', { name: 'Provision', exact: true }).click();
  await expect(page.getByText(`Provisioning ${slug}`)).toBeVisible();
  const op = page.getByTestId('operations').locator('li[data-status]').filter({ hasText: 'Provision the chain' }).filter({ hasText: 'Pho Place' }).first();
  await expect(op).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await page.goto(`/chains/${slug}`);
  await expect(page.getByText('Database (isolated database in a shared instance)')).toBeVisible();
  await expect(page.getByText(slug.replace(/-/g, '_'), { exact: true })).toBeVisible();
});
