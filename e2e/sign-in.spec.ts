import { DEMO_CHAINS, expect, test } from './fixtures';

test.describe('sign-in', () => {
  test('the form signs an admin in and shows the fleet', async ({ page }) => {
    await page.goto('/fleet');
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel('Email').fill('admin@fleetpane.local');
    await page.getByLabel('Password').fill('fleetpane-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/fleet$/);
    await expect(page.getByTestId('current-user')).toContainText('Admin');
    await expect(page.locator('tbody tr')).toHaveCount(DEMO_CHAINS);
  });

  test('a wrong password is refused', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('ops@fleetpane.local');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    expect((await (await page.request.get('/api/auth/session')).json()) as object).toEqual({});
  });

  for (const [who, label] of [
    ['ops', 'Ops engineer'],
    ['am', 'Account manager'],
    ['finance', 'Finance'],
  ] as const) {
    test(`${who} sees the whole fleet`, async ({ page, signInAs }) => {
      await signInAs(who);
      await page.goto('/fleet');
      await expect(page.getByTestId('current-user')).toContainText(label);
      await expect(page.locator('tbody tr')).toHaveCount(DEMO_CHAINS);
      await expect(page.getByTestId('chain-row-noodle-nest')).toContainText('own account');
      await page.getByRole('link', { name: 'Pizza Piazza' }).click();
      await expect(page.getByRole('heading', { name: 'Pizza Piazza' })).toBeVisible();
      await expect(page.getByTestId('database-details')).toContainText('db.m6g.large');
    });
  }
});
