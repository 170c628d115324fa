import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Adds chains to the fleet: runs after every other spec (see playwright.config.ts), whose counts it would change.

/** Opens the provisioning form on /operations, fills it as an ops engineer would and sends it. */
async function provision(
  page: Page,
  chain: { slug: string; name: string; tier: string; database?: string; price: string },
) {
  await page.goto('/operations');
  const form = page.getByTestId('provision-form');
  const field = (label: string) => form.getByLabel(label, { exact: true });
  await expect(async () => {
    await form.getByText('Provision a new chain').click();
    await expect(field('Slug')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await field('Tier').selectOption(chain.tier);
  if (chain.database) await field('Database').selectOption(chain.database);
  await field('Slug').fill(chain.slug);
  await field('Name').fill(chain.name);
  await field('Region').fill('us-east-1');
  await field('Contract start').fill('2026-12-01');
  await field('Contract end').fill('2027-11-30');
  await field('Monthly price').fill(chain.price);
  await form.getByRole('button', { name: 'Provision', exact: true }).click();
  await expect(page.getByText(`Provisioning ${chain.slug}`)).toBeVisible();
  const op = page
    .getByTestId('operations')
    .locator('li[data-status]')
    .filter({ hasText: 'Provision the chain' })
    .filter({ hasText: chain.name })
    .first();
  await expect(op).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
}

test('ops provisions a new chain from the operations page and it joins the fleet', async ({ page, signInAs }) => {
  await signInAs('ops');
  const slug = `gelato-${Date.now().toString(36)}`;
  await provision(page, { slug, name: 'Gelato Garden', tier: 'standard', price: '1490.00' });
  const res = await page.goto(`/chains/${slug}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Gelato Garden' })).toBeVisible();
});

test('ops provisions a starter chain into its own database on a shared instance', async ({ page, signInAs }) => {
  await signInAs('ops');
  const slug = `pho-${Date.now().toString(36)}`;
  await provision(page, { slug, name: 'Pho Place', tier: 'starter', database: 'shared', price: '490.00' });
  await page.goto(`/chains/${slug}`);
  await expect(page.getByText('Database (isolated database in a shared instance)')).toBeVisible();
  await expect(page.getByText(slug.replace(/-/g, '_'), { exact: true })).toBeVisible();
});
