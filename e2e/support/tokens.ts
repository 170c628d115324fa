import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Creates an API token on the tokens page for whoever is signed in on `page`; returns it and its name. */
export async function createToken(page: Page, prefix: string): Promise<{ token: string; name: string }> {
  await page.goto('/settings/tokens');
  const name = `${prefix}-${Date.now()}`;
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^fpt_/);
  return { token, name };
}

/** Revokes the named token on the tokens page. */
export async function revokeToken(page: Page, name: string): Promise<void> {
  await page.goto('/settings/tokens');
  await page
    .getByTestId(`token-${name}`)
    .getByRole('button', { name: /Revoke/ })
    .click();
  await expect(page.getByTestId(`token-${name}`)).toContainText('revoked');
}
