import { expect, test } from './fixtures';

test('a malformed URL answers 400 (a page or JSON), and a malformed query never a 500', async ({ page, signInAs }) => {
  await signInAs('ops');
  for (const path of [
    '/chains/%C0%AF',
    '/chains/%E0%A4%A',
    '/fleet/%FF',
    '/api/v1/chains/%C0%AF',
    '/api/v1/chains/%C0%AF/sla',
  ]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text(), path).toContain('Malformed URL');
  }
  for (const path of [
    '/fleet?q=%E0%A4%A',
    '/operations?chain=%C0%AF',
    '/audit?q=%C0%AF',
    '/api/v1/audit?q=%C0%AF',
    '/api/v1/chains?q=%FF',
  ]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBeLessThan(500);
  }
});

test('a favicon, and a robots.txt that keeps crawlers out of the console', async ({ request }) => {
  const icon = await request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
});

test.describe('who must be refused', () => {
  test('signed out: every page leads to the login page', async ({ page }) => {
    for (const path of ['/', '/fleet', '/chains/burger-barn']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login$/);
    }
  });

  test('signed out: every API route answers 401', async ({ request }) => {
    expect((await request.get('/api/v1/chains')).status()).toBe(401);
    expect((await request.get('/api/v1/chains/burger-barn')).status()).toBe(401);
    expect((await request.post('/api/v1/fleet/refresh')).status()).toBe(401);
  });

  test('a forged session cookie gets past the proxy but not the page', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'next-auth.session-token', value: 'forged', url: baseURL! }]);
    await page.goto('/fleet');
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get('/api/v1/chains')).status()).toBe(401);
  });

  test('finance may read but not refresh the fleet', async ({ page, signInAs }) => {
    await signInAs('finance');
    expect((await page.request.get('/api/v1/chains')).status()).toBe(200);
    const refused = await page.request.post('/api/v1/fleet/refresh');
    expect(refused.status()).toBe(403);
    await page.goto('/fleet');
    await expect(page.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
  });

  test('the recurring jobs page is for admins: ops get a 403, the admin sees the jobs and runs one now', async ({
    page,
    signInAs,
  }) => {
    await signInAs('ops');
    expect((await page.goto('/settings/schedules'))?.status()).toBe(403);
    await expect(page.getByRole('link', { name: 'Schedules' })).toHaveCount(0);
    await signInAs('admin');
    await page.goto('/fleet');
    await page.getByRole('link', { name: 'Schedules' }).click();
    const jobs = page.getByTestId('schedules');
    await expect(jobs.locator('tr[data-job="collector"]')).toContainText('every minute');
    await expect(jobs.locator('tr[data-job="cost-ingest"]')).toContainText('daily at 02:00 UTC');
    await page.getByRole('button', { name: 'Run collector now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Due now' })).toBeVisible();
  });

  test('an unknown chain is a 404, on the page and in the API', async ({ page, signInAs }) => {
    await signInAs('am');
    const res = await page.goto('/chains/no-such-chain');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    expect((await page.request.get('/api/v1/chains/no-such-chain')).status()).toBe(404);
    expect((await page.request.get('/api/v1/chains/NOT..valid')).status()).toBe(400);
  });
});
