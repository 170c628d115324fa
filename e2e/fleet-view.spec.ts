import { DEMO_CHAINS, expect, test } from './fixtures';

async function openFleet(page: import('@playwright/test').Page, path = '/fleet') {
  await page.goto(path);
  await expect(page.locator('[data-hydrated]')).toBeVisible();
}

test.describe('fleet view', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('ops');
  });

  test('shows the seeded fleet with the right health, and a denied account as unknown while the rest renders', async ({
    page,
  }) => {
    await page.goto('/fleet');
    await expect(page.locator('tbody tr')).toHaveCount(DEMO_CHAINS);
    await expect(page.getByTestId('chain-row-burger-barn')).toContainText('healthy');
    await expect(page.getByTestId('chain-row-taco-tierra')).toContainText('degraded');
    const bao = page.getByTestId('chain-row-bao-bar');
    await expect(bao).toContainText('unknown');
    await expect(bao).toContainText('stale');
    await expect(bao.locator('[title*="AccessDenied"]')).toHaveCount(1);
    await expect(page.getByTestId('tile-degraded')).toContainText('1');
    await expect(page.getByTestId('tile-unknown')).toContainText('1');
    await expect(page.getByTestId('tile-healthy')).toContainText(String(DEMO_CHAINS - 2));
    await expect(page.getByTestId('chain-row-noodle-nest')).toContainText('Multi-AZ');
    await expect(page.getByTestId('chain-row-sunny-side-diner')).toContainText('none');
  });

  test('prefetches a chain page when the pointer comes to its row, not one per row on view', async ({ page }) => {
    const prefetched: string[] = [];
    page.on('request', (r) => {
      if (r.headers()['next-router-prefetch'] && new URL(r.url()).pathname.startsWith('/chains/'))
        prefetched.push(new URL(r.url()).pathname);
    });
    await openFleet(page);
    // Every row is in view: each would have been prefetched by now (they were, before).
    await page.waitForTimeout(1_500);
    expect(prefetched).toEqual([]);
    await page.getByTestId('chain-row-taco-tierra').getByRole('link', { name: 'Taco Tierra' }).hover();
    await expect.poll(() => prefetched).toContain('/chains/taco-tierra');
    expect(new Set(prefetched)).toEqual(new Set(['/chains/taco-tierra']));
  });

  test('filters and search narrow the table, and the URL reproduces the view', async ({ page, context }) => {
    await openFleet(page);
    await page.getByLabel('Tier', { exact: true }).selectOption('enterprise');
    await expect(page).toHaveURL(/[?&]tier=enterprise/);
    await expect(page.locator('tbody tr')).toHaveCount(4);
    await page.getByLabel('Database', { exact: true }).selectOption('dedicated');
    await page.getByLabel('Search', { exact: true }).fill('pizza');
    await expect(page).toHaveURL(/q=pizza/);
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('chain-row-pizza-piazza')).toBeVisible();

    const shared = await context.newPage();
    await shared.goto(page.url());
    await expect(shared.locator('tbody tr')).toHaveCount(1);
    await expect(shared.getByLabel('Tier', { exact: true })).toHaveValue('enterprise');
    await expect(shared.getByLabel('Search', { exact: true })).toHaveValue('pizza');
  });

  test('"needs attention" keeps the chains someone should look at', async ({ page }) => {
    await page.goto('/fleet?attention=1');
    await expect(page.getByLabel('Needs attention')).toBeChecked();
    for (const slug of ['taco-tierra', 'bao-bar', 'sunny-side-diner'])
      await expect(page.getByTestId(`chain-row-${slug}`)).toBeVisible();
    await expect(page.getByTestId('chain-row-burger-barn')).toHaveCount(0);
  });

  test('sorts by a column, both ways', async ({ page }) => {
    await openFleet(page);
    await page.getByRole('button', { name: /^Health/ }).click();
    await expect(page).toHaveURL(/sort=health/);
    await page.getByRole('button', { name: /^Health/ }).click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.locator('tbody tr').first()).toContainText('unknown');
  });

  test('a keyboard shortcut jumps to a chain', async ({ page }) => {
    await openFleet(page);
    const box = page.getByRole('combobox', { name: 'Chain name' });
    // The shortcut works once the page has hydrated: press until the box opens.
    await expect(async () => {
      await page.keyboard.press('Control+k');
      await expect(box).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await box.fill('noodle');
    await expect(page.getByRole('option', { name: /Noodle Nest/ })).toBeVisible();
    await box.press('Enter');
    await expect(page).toHaveURL(/\/chains\/noodle-nest$/);
    await expect(page.getByRole('heading', { name: 'Noodle Nest' })).toBeVisible();
  });
});
