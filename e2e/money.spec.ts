import type { APIRequestContext, Page } from '@playwright/test';
import { handPickedChains } from '@/lib/server/demo/demo-chains';
import { demoTiers } from '@/lib/server/demo/demo-tiers';
import { percentOf, sumMoney } from '@/lib/sla/money';
import { expect, test } from './fixtures';
import type { DemoLogin } from './fixtures';

// Who sees money (DESIGN.md, Roles): admins, finance and the chain's own account manager see prices and credit
// amounts; ops and other chains' account managers see the same SLA facts with the money left out of the HTML and
// JSON they are sent, and a 403 on the contract API. Burger Barn and Taco Tierra are am@'s chains.
const demo = (slug: string) => {
  const chain = handPickedChains.find((c) => c.slug === slug)!;
  const tier = demoTiers.find((t) => t.key === chain.tier)!;
  const upgrades = chain.upgrades ?? [];
  return { chain, tier, upgrades, total: sumMoney([tier.monthlyPrice, ...upgrades.map((u) => u.monthlyPrice)]) };
};
const barn = demo('burger-barn');
const taco = demo('taco-tierra');
// The contract's price, its upgrades' prices and the monthly total, as the demo seeds them.
const prices = [barn.tier.monthlyPrice, ...barn.upgrades.map((u) => u.monthlyPrice), barn.total];
// A figure as a number of its own: "92.00" is the storage upgrade's price, not part of a CPU reading such as
// 92.0047 in a chart's data, which would make a page without money look as if it carried one.
const carries = (text: string, figure: string) =>
  new RegExp(`(?<![\\d.])${figure.replace(/[.]/g, '\\.')}(?![\\d])`).test(text);
const seesMoney: DemoLogin[] = ['admin', 'finance', 'am'];
const noMoney: DemoLogin[] = ['am2', 'ops'];

async function signedIn(api: APIRequestContext, who: DemoLogin): Promise<void> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await api.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: `${who}@fleetpane.local`, password: 'fleetpane-demo', json: 'true' },
  });
  expect(res.ok()).toBe(true);
}

type Contract = Record<string, unknown> & { creditSchedule: { below: number; creditPct: number }[] };
let original: Contract;
let credit: string;

test.describe.serial('who sees money', () => {
  test.beforeAll(async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signedIn(admin, 'admin');
    // Taco Tierra is degraded now, so a band "below 100 %" gives it a credit this month whatever the date; the
    // margin target moves so that the audit trail holds a money field's change.
    original = ((await (await admin.get('/api/v1/chains/taco-tierra/contract')).json()) as { contract: Contract })
      .contract;
    const edited = {
      ...original,
      marginTargetPct: '36.50',
      creditSchedule: [...original.creditSchedule, { below: 100, creditPct: 5 }],
    };
    expect((await admin.put('/api/v1/chains/taco-tierra/contract', { data: edited })).status()).toBe(200);
    const sla = (await (await admin.get('/api/v1/chains/taco-tierra/sla')).json()) as {
      sla: { month: { credit: { reason: string; creditPct: number; amount: string } } };
    };
    expect(sla.sla.month.credit.reason).toBe('band');
    credit = percentOf(taco.total, sla.sla.month.credit.creditPct);
    expect(sla.sla.month.credit.amount).toBe(credit);
    await admin.dispose();
  });

  test.afterAll(async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signedIn(admin, 'admin');
    const now = ((await (await admin.get('/api/v1/chains/taco-tierra/contract')).json()) as { contract: Contract })
      .contract;
    await admin.put('/api/v1/chains/taco-tierra/contract', { data: { ...original, version: now.version } });
    await admin.dispose();
  });

  /** The page's whole HTML (the RSC payload included) and whether each figure is in it. */
  const html = async (page: Page, path: string) => {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    return page.content();
  };

  for (const who of [...seesMoney, ...noMoney]) {
    const money = seesMoney.includes(who);
    test(`${who} ${money ? 'sees' : 'does not see'} the money on the SLA pages, and sees the SLA facts`, async ({
      page,
      signInAs,
    }) => {
      test.slow(); // many pages, each rendered from the database
      await signInAs(who);
      const has = (text: string, figure: string) => expect(carries(text, figure), `${who}: ${figure}`).toBe(money);

      const contractPage = await html(page, '/chains/burger-barn/contract');
      for (const p of prices) has(contractPage, p);
      await expect(page.getByTestId('contract')).toContainText('enterprise');
      await expect(page.getByTestId('contract')).toContainText('Performance tuning');
      await expect(page.getByTestId('money-hidden')).toHaveCount(money ? 0 : 1);

      const tacoContract = await html(page, '/chains/taco-tierra/contract');
      await expect(page.getByTestId('contract')).toContainText('below 100 % → 5 %');
      await expect(page.getByTestId('audit-trail')).toContainText(
        money ? 'marginTargetPct: 35.00 → 36.50' : 'marginTargetPct changed (amounts hidden)',
      );
      has(tacoContract, '36.50');

      const tacoSla = await html(page, '/chains/taco-tierra/sla');
      has(tacoSla, credit);
      await expect(page.getByTestId('sla-summary')).toContainText('target 99.9 %');
      await expect(page.getByTestId('sla-summary')).toContainText('Error budget left');
      await expect(page.getByTestId('sla-summary')).toContainText(money ? `${credit} USD` : '% of the month');
      await expect(page.locator('#conformance')).toBeVisible();

      const list = await html(page, '/sla?scope=all&sort=name');
      has(list, credit);
      await expect(page.getByTestId('sla-row-taco-tierra').getByTestId('credit')).toContainText('%');
      await expect(page.getByTestId('sla-row-burger-barn')).toContainText('99.95 %');

      const report = await html(page, '/chains/taco-tierra/report');
      has(report, credit);
      has(report, taco.total);
      await expect(page.getByTestId('report-credit')).toContainText('% of the monthly fee');
    });

    test(`${who} ${money ? 'may' : 'may not'} read the money in the APIs; the fleet and chain pages carry none`, async ({
      page,
      signInAs,
    }) => {
      test.slow();
      await signInAs(who);
      const has = (text: string, figure: string) => expect(carries(text, figure), `${who}: ${figure}`).toBe(money);

      const fleet = await html(page, '/fleet');
      for (const figure of [...prices, credit]) expect(carries(fleet, figure) && !money, figure).toBe(false);
      await expect(page.getByTestId('chain-row-burger-barn')).toContainText('Enterprise');

      const chainPage = await html(page, '/chains/burger-barn');
      for (const figure of prices) expect(carries(chainPage, figure) && !money, figure).toBe(false);

      const contractApi = await page.request.get('/api/v1/chains/burger-barn/contract');
      expect(contractApi.status()).toBe(money ? 200 : 403);
      if (money) {
        const body = (await contractApi.json()) as { contract: { monthlyPrice: string; upgrades: unknown[] } };
        expect(body.contract.monthlyPrice).toBe(barn.tier.monthlyPrice);
        expect(body.contract.upgrades).toEqual(barn.upgrades);
      }
      const slaApi = await (await page.request.get('/api/v1/chains/burger-barn/sla')).text();
      for (const p of prices) has(slaApi, p);
      const slaBody = JSON.parse(slaApi) as { sla: { moneyHidden: boolean; tier: { targetPct: number } } };
      expect(slaBody.sla).toMatchObject({ moneyHidden: !money, tier: { targetPct: 99.95 } });
      const tacoApi = await (await page.request.get('/api/v1/chains/taco-tierra/sla')).text();
      has(tacoApi, credit);
      const chainApi = await (await page.request.get('/api/v1/chains/burger-barn')).text();
      for (const figure of prices) expect(carries(chainApi, figure), figure).toBe(false);
      expect(JSON.parse(chainApi)).toMatchObject({ chain: { tier: { key: 'enterprise' } } });
    });
  }

  test('the contract API refusals are audited; ops still sees an operation dialog’s catalog cost', async ({
    page,
    signInAs,
  }) => {
    await signInAs('ops');
    expect((await page.request.get('/api/v1/chains/taco-tierra/contract')).status()).toBe(403);
    await signInAs('am2');
    expect((await page.request.get('/api/v1/chains/taco-tierra/contract')).status()).toBe(403);
    // am2 is refused on the chain's scope, so the refusal is on the chain's own trail.
    await signInAs('admin');
    await page.goto('/chains/taco-tierra/contract');
    await expect(page.getByTestId('audit-trail')).toContainText('authz.denied:money:read by am2@fleetpane.local');

    await signInAs('ops');
    await page.goto('/chains/burger-barn');
    await page.getByRole('button', { name: /^(Enable|Disable) Multi-AZ$/ }).click();
    await expect(page.getByTestId('cost-change')).toHaveText(/^[+−]\d+\.\d{2} USD a month \(catalog prices\)$/);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});
