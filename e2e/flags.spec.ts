import { expect, test } from './fixtures';

// Flags in the browser: the matrix with its filters, a chain's flags with the demo's hand-changed parameter
// shown as modified and re-applied, a value set and delivered, an EU-only flag refused for a US chain, and
// readers without the forms. The demo (lib/server/demo/seed-demo-flags.ts) changed Sushi Wave's
// points-expiry-days to 90 in its account; Fleetpane's value is the default, 365.

test('the matrix shows every chain’s effective value and filters by residency and search', async ({
  page,
  signInAs,
}) => {
  await signInAs('finance');
  await page.goto('/flags');
  await expect(page.getByTestId('flag-definitions').locator('tr[data-flag]')).toHaveCount(3);
  const matrix = page.getByTestId('flag-matrix');
  await expect(matrix.locator('tr[data-chain="burger-barn"] td[data-flag="loyalty-v2-checkout"]')).toContainText(
    'true',
  );
  await expect(matrix.locator('tr[data-chain="bao-bar"] td[data-flag="points-expiry-days"]')).toContainText('180');
  await page.goto('/flags?residency=EU');
  const slugs = await matrix.locator('tr[data-chain]').evaluateAll((rows) => rows.map((r) => r.dataset.chain));
  expect(slugs).toEqual(expect.arrayContaining(['le-petit-bistro', 'green-bowl']));
  expect(slugs).not.toContain('burger-barn');
  await page.goto('/flags?q=points');
  await expect(matrix.locator('thead th')).toHaveText(['Chain', 'points-expiry-days']);
});

test('a parameter changed in the chain’s account shows as modified, and re-apply puts Fleetpane’s value back', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(90_000);
  await signInAs('ops');
  const row = page.getByTestId('chain-flags').locator('tr[data-flag="points-expiry-days"]');
  // The read-back job runs at start-up and with every collector interval.
  await expect(async () => {
    await page.goto('/chains/sushi-wave/flags');
    await expect(row.getByTestId('flag-drift')).toContainText('modified', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row.getByTestId('flag-drift')).toContainText('live 90');
  await row.getByRole('button', { name: 'Re-apply 365' }).click();
  await expect(row.getByRole('status')).toContainText('Queued');
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId('flag-drift')).toContainText('in sync', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test('ops sets a value that is delivered; an EU-only flag is refused for a US chain', async ({ page, signInAs }) => {
  await signInAs('ops');
  await page.goto('/chains/smoky-bbq/flags');
  const loyalty = page.getByTestId('chain-flags').locator('tr[data-flag="loyalty-v2-checkout"]');
  await loyalty.getByLabel('New value of loyalty-v2-checkout').selectOption('true');
  await loyalty.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(loyalty.getByRole('status')).toContainText('Queued');
  await expect(async () => {
    await page.reload();
    await expect(loyalty.getByTestId('flag-value')).toContainText("truethis chain's", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  const eu = page.getByTestId('chain-flags').locator('tr[data-flag="eu-payment-gateway"]');
  await eu.getByLabel('New value of eu-payment-gateway').selectOption('true');
  await eu.getByRole('button', { name: 'Ask to set' }).click();
  await expect(eu.getByRole('alert')).toContainText('EU');
  await expect(eu.getByTestId('flag-value')).toContainText('false');
});

for (const who of ['am', 'finance'] as const) {
  test(`${who} reads a chain’s flags without the forms, and is refused a change`, async ({ page, signInAs }) => {
    await signInAs(who);
    await page.goto('/chains/burger-barn/flags');
    await expect(page.getByTestId('chain-flags').locator('tr[data-flag]')).toHaveCount(3);
    await expect(page.getByRole('button', { name: 'Set', exact: true })).toHaveCount(0);
    const res = await page.request.put('/api/v1/chains/burger-barn/flags/loyalty-v2-checkout', {
      data: { value: false },
    });
    expect(res.status()).toBe(403);
  });
}
