import { expect, test } from './fixtures';

test('an account manager sees the SLA health of their own chains first', async ({ page, signInAs }) => {
  await signInAs('am');
  await page.goto('/sla');
  await expect(page.getByRole('link', { name: 'My chains' })).toHaveAttribute('aria-current', 'page');
  // Taco Tierra is degraded right now: its error budget burns fast enough to page.
  const taco = page.getByTestId('sla-row-taco-tierra');
  await expect(taco).toContainText('page');
  await expect(page.getByTestId('sla-row-burger-barn')).toBeVisible();
  await expect(page.getByTestId('sla-row-pizza-piazza')).toHaveCount(0); // am2's chain
  await page.getByRole('link', { name: 'Whole fleet' }).click();
  await expect(page.getByTestId('sla-row-pizza-piazza')).toBeVisible();
  await expect(page.getByTestId('renewals')).toBeVisible();

  await page.goto('/chains/taco-tierra/sla');
  await expect(page.getByTestId('burn')).toContainText('firing (page)');
  await expect(page.getByTestId('incidents')).toContainText('ongoing');
  await expect(page.getByRole('img', { name: /^Error budget left at the end of/ })).toBeVisible();
});

test.describe.serial('contracts', () => {
  test('an account manager edits a contract they manage; bad input changes nothing', async ({ page, signInAs }) => {
    await signInAs('am');
    const before = (await (await page.request.get('/api/v1/chains/waffle-works/contract')).json()) as {
      contract: { monthlyPrice: string; version: number };
    };
    await page.goto('/chains/waffle-works/contract/edit');
    const price = page.getByLabel('Monthly price', { exact: true });
    await expect(async () => {
      await price.fill('12,50');
      await page.getByRole('button', { name: 'Save the contract' }).click();
      await expect(page.getByText('A price such as 1490.00')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(price).toHaveValue('12,50');
    const unchanged = (await (await page.request.get('/api/v1/chains/waffle-works/contract')).json()) as {
      contract: { monthlyPrice: string; version: number };
    };
    expect(unchanged.contract).toMatchObject({
      monthlyPrice: before.contract.monthlyPrice,
      version: before.contract.version,
    });

    await price.fill('555.50');
    await page.getByRole('checkbox', { name: 'Multi-AZ' }).check();
    await page.getByLabel('Multi-AZ monthly price').fill('80');
    await page.getByRole('button', { name: 'Save the contract' }).click();
    await expect(page.getByText('The contract was saved.')).toBeVisible();
    await expect(page.getByTestId('contract')).toContainText('635.50');
    // Audited with before and after.
    await expect(page.getByTestId('audit-trail')).toContainText('contract.update by am@fleetpane.local');
    await expect(page.getByTestId('audit-trail')).toContainText(
      `monthlyPrice: ${before.contract.monthlyPrice} → 555.50`,
    );
  });

  test('an edit that races another is refused, not silently lost', async ({ page, signInAs }) => {
    await signInAs('am');
    await page.goto('/chains/waffle-works/contract/edit');
    await expect(page.getByLabel('Monthly price', { exact: true })).toHaveValue('555.50');
    // Meanwhile the same contract is saved elsewhere (here: through the API).
    const current = (await (await page.request.get('/api/v1/chains/waffle-works/contract')).json()) as {
      contract: Record<string, unknown>;
    };
    const put = await page.request.put('/api/v1/chains/waffle-works/contract', {
      data: { ...current.contract, monthlyPrice: '560.00' },
    });
    expect(put.status()).toBe(200);
    await expect(async () => {
      await page.getByLabel('Monthly price', { exact: true }).fill('999.00');
      await page.getByRole('button', { name: 'Save the contract' }).click();
      await expect(page.getByText('Someone else saved this contract')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    const after = (await (await page.request.get('/api/v1/chains/waffle-works/contract')).json()) as {
      contract: { monthlyPrice: string };
    };
    expect(after.contract.monthlyPrice).toBe('560.00');
  });
});

test('an account manager is refused by the server on a chain they do not manage', async ({ page, signInAs }) => {
  await signInAs('admin');
  const before = (await (await page.request.get('/api/v1/chains/pizza-piazza/contract')).json()) as {
    contract: Record<string, unknown> & { monthlyPrice: string };
  };
  await signInAs('am');
  const res = await page.goto('/chains/pizza-piazza/contract/edit');
  expect(res?.status()).toBe(403);
  await page.goto('/chains/pizza-piazza/contract');
  await expect(page.getByRole('link', { name: 'Edit the contract' })).toHaveCount(0);
  // Another chain's money is not theirs to read either (e2e/money.spec.ts).
  expect((await page.request.get('/api/v1/chains/pizza-piazza/contract')).status()).toBe(403);
  const put = await page.request.put('/api/v1/chains/pizza-piazza/contract', {
    data: { ...before.contract, monthlyPrice: '1.00' },
  });
  expect(put.status()).toBe(403);
  await signInAs('admin');
  const after = (await (await page.request.get('/api/v1/chains/pizza-piazza/contract')).json()) as {
    contract: { monthlyPrice: string };
  };
  expect(after.contract.monthlyPrice).toBe(before.contract.monthlyPrice);
});

for (const who of ['finance', 'ops'] as const) {
  test(`${who} reads SLA health but may not edit contracts`, async ({ page, signInAs }) => {
    await signInAs(who);
    expect((await page.goto('/sla'))?.status()).toBe(200);
    await expect(page.getByTestId('sla-row-burger-barn')).toBeVisible();
    expect((await page.goto('/chains/burger-barn/sla'))?.status()).toBe(200);
    expect((await page.request.get('/api/v1/chains/burger-barn/sla')).status()).toBe(200);
    expect((await page.goto('/chains/burger-barn/contract/edit'))?.status()).toBe(403);
    // Finance reads the contract (money); ops does not (e2e/money.spec.ts), and neither may replace it.
    const read = await page.request.get('/api/v1/chains/burger-barn/contract');
    expect(read.status()).toBe(who === 'finance' ? 200 : 403);
    const body = who === 'finance' ? ((await read.json()) as { contract: unknown }).contract : { version: 0 };
    expect((await page.request.put('/api/v1/chains/burger-barn/contract', { data: body })).status()).toBe(403);
    expect((await page.goto('/settings/tiers'))?.status()).toBe(403);
  });
}

test('the demo fleet’s deliberate imperfections show as the right findings', async ({ page, signInAs }) => {
  await signInAs('admin');
  await page.goto('/chains/pizza-piazza');
  await expect(page.getByTestId('finding-multi-az')).toHaveAttribute('data-direction', 'under');
  await expect(page.getByTestId('finding-multi-az')).toContainText('Enable Multi-AZ');
  await page.goto('/chains/sunny-side-diner');
  await expect(page.getByTestId('finding-backup-retention')).toContainText('automated backups off');
  await expect(page.getByTestId('finding-backup-age')).toContainText('No usable backup');
  await page.goto('/chains/falafel-factory');
  await expect(page.getByTestId('finding-multi-az')).toHaveAttribute('data-direction', 'over');
  await expect(page.getByTestId('finding-database-kind')).toHaveAttribute('data-direction', 'over');
  await page.goto('/chains/burger-barn');
  await expect(page.getByTestId('conformance-ok')).toBeVisible();
  await page.goto('/fleet?q=pizza');
  await expect(page.getByTestId('chain-row-pizza-piazza').getByTestId('findings')).toHaveText('1 under contract');
  const api = (await (await page.request.get('/api/v1/chains/falafel-factory')).json()) as {
    chain: { conformance: { ok: boolean; findings: { rule: string; direction: string }[] } };
  };
  expect(api.chain.conformance.ok).toBe(false);
  expect(api.chain.conformance.findings.map((f) => `${f.rule}:${f.direction}`)).toEqual([
    'multi-az:over',
    'database-kind:over',
  ]);
});

test('an account manager prints a chain’s SLA report for a month', async ({ page, signInAs }) => {
  await signInAs('am');
  await page.goto('/chains/taco-tierra/report');
  const report = page.getByTestId('sla-report');
  await expect(report.getByRole('heading', { name: 'Taco Tierra' })).toBeVisible();
  await expect(page.getByTestId('report-availability')).toHaveText(/\d+\.\d{3} %/);
  await expect(report).toContainText('Incidents');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
});

test("the SLA API's figures are exact decimals: no number carries a float's noise", async ({ page, signInAs }) => {
  await signInAs('admin');
  for (const slug of ['burger-barn', 'taco-tierra', 'pizza-piazza']) {
    const text = await (await page.request.get(`/api/v1/chains/${slug}/sla`)).text();
    // Every number in the JSON as sent: at most six decimals (minutes to 0.000001, fractions to 0.0001 %).
    const noisy = [...text.matchAll(/(?<![\w".])-?\d+\.(\d+)(?:e-?\d+)?(?![\w"])/g)].filter((m) => m[1]!.length > 6);
    expect(
      noisy.map((m) => m[0]),
      slug,
    ).toEqual([]);
    expect(text).toMatch(/"budgetMinutes":\d+(\.\d{1,6})?[,}]/);
  }
});
