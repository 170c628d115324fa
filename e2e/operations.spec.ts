import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

test('ops backs up a chain and watches the operation finish', async ({ page, signInAs }) => {
  await signInAs('ops');
  await page.goto('/chains/le-petit-bistro');
  const dialog = page.getByRole('dialog');
  await expect(async () => {
    await page.getByTestId('operation-buttons').getByRole('button', { name: 'Back up now' }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(dialog).toContainText('Takes a manual RDS snapshot');
  await expect(dialog).toContainText('Downtime: None.');
  await dialog.getByRole('button', { name: 'Run it' }).click();
  const op = page.getByTestId('operations').locator('li[data-status]').first();
  await expect(op).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(op).toContainText('Wait until the snapshot is available');
  await expect(op).toContainText('available');
});

test('a destructive operation asks for the chain’s name before it can run', async ({ page, signInAs }) => {
  await signInAs('admin');
  await page.goto('/chains/green-bowl');
  const dialog = page.getByRole('dialog');
  await expect(async () => {
    await page.getByTestId('operation-buttons').getByRole('button', { name: 'Reboot the database' }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(dialog.getByRole('button', { name: 'Run it' })).toBeDisabled();
  await dialog.getByLabel('Type green-bowl to confirm').fill('green-bowl');
  await expect(dialog.getByRole('button', { name: 'Run it' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

for (const who of ['finance', 'am'] as const) {
  test(`${who} sees no operation buttons and is refused when posting one anyway`, async ({ page, signInAs }) => {
    await signInAs(who);
    await page.goto('/chains/burger-barn');
    await expect(page.getByRole('heading', { name: 'Operations' })).toBeVisible();
    await expect(page.getByTestId('operation-buttons')).toHaveCount(0);
    const res = await page.request.post('/api/v1/chains/burger-barn/operations', {
      headers: { 'idempotency-key': randomUUID() },
      data: { type: 'backup', params: {} },
    });
    expect(res.status()).toBe(403);
  });
}

test('the operations API: 202 with one operation per key, 400 naming problems, 404, and status by id', async ({
  page,
  signInAs,
}) => {
  await signInAs('ops');
  const key = randomUUID();
  const send = () =>
    page.request.post('/api/v1/chains/kebab-corner/operations', {
      headers: { 'idempotency-key': key },
      data: { type: 'scale-app', params: { instanceType: 't3.medium' } },
    });
  const [a, b] = await Promise.all([send(), send()]);
  expect([a.status(), b.status()]).toEqual([202, 202]);
  const idA = ((await a.json()) as { operation: { id: string } }).operation.id;
  expect(((await b.json()) as { operation: { id: string } }).operation.id).toBe(idA);
  const bad = await page.request.post('/api/v1/chains/kebab-corner/operations', {
    data: { type: 'explode', params: {} },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { issues: string[] }).issues.length).toBeGreaterThanOrEqual(2);
  expect(
    (
      await page.request.post('/api/v1/chains/no-such-chain/operations', {
        headers: { 'idempotency-key': randomUUID() },
        data: { type: 'backup' },
      })
    ).status(),
  ).toBe(404);
  await expect(async () => {
    const op = (await (await page.request.get(`/api/v1/operations/${idA}`)).json()) as {
      operation: { status: string; steps: unknown[] };
    };
    expect(op.operation.status).toBe('succeeded');
    expect(op.operation.steps).toHaveLength(5);
  }).toPass({ timeout: 30_000 });
});
