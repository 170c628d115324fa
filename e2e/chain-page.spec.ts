import { expect, test } from './fixtures';

test('the chain page shows the deployment, its snapshots and charts for every range', async ({ page, signInAs }) => {
  await signInAs('am');
  await page.goto('/chains/burger-barn');
  const details = page.getByTestId('database-details');
  for (const text of [
    'fp-burger-barn',
    'db.m6g.large',
    'postgres',
    'Multi-AZ',
    '500 GiB',
    '14 days',
    'Encrypted at rest',
    'Deletion protection',
  ]) {
    await expect(details).toContainText(text);
  }
  await expect(page.getByTestId('snapshots')).toContainText('automated');
  for (const range of ['1h', '24h', '7d', '30d']) {
    const charts = page.getByTestId(`charts-${range}`);
    // Range buttons work once the page has hydrated: click until the range shows.
    await expect(async () => {
      await page.getByRole('radio', { name: range }).click();
      await expect(charts).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(charts.locator('figure')).toHaveCount(5);
    // Each chart draws lines and describes itself in words.
    await expect(charts.locator('.recharts-line').first()).toBeVisible();
    await expect(charts.getByRole('img', { name: /^CPU over .*Database: latest/ })).toBeVisible();
  }
});

test('a shared-instance chain names its neighbours, not their data', async ({ page, signInAs }) => {
  await signInAs('finance');
  await page.goto('/chains/kebab-corner');
  await expect(page.getByRole('heading', { name: /isolated database in a shared instance/ })).toBeVisible();
  await expect(page.getByTestId('database-details')).toContainText('crepe-corner');
});
