import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// User administration as an admin does it, with users made for this run: demo users are shared with the
// specs running beside this one, so none of them is demoted or deactivated, and the one demo chain moved
// (Curry House, am2's, which no other spec reads) goes back to am2 within the same test.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = 'users-spec-password';

async function signInWithPassword(page: Page, email: string): Promise<void> {
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password: PASSWORD, json: 'true' },
  });
  expect(res.ok()).toBe(true);
}

/** Signs the user in in a browser context of their own and makes them an API token. */
async function tokenOf(browser: Browser, baseURL: string, email: string): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInWithPassword(page, email);
  await page.goto('/settings/tokens');
  await page.getByLabel('Token name').fill('users-spec');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  await context.close();
  return token;
}

async function addUser(page: Page, email: string, role: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill(`Spec ${email.split('@')[0]}`);
  await form.getByLabel('Role').selectOption(role);
  await form.getByLabel('Password (demo sign-in)').fill(PASSWORD);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByRole('status')).toHaveText(`Added ${email} (${role}).`);
  await expect(page.getByTestId(`user-${email}`)).toBeVisible();
}

async function reassign(page: Page, chain: string, manager: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Reassign chains' });
  await form.getByRole('checkbox', { name: new RegExp(`^${chain} `) }).check();
  await form.getByLabel('New account manager').selectOption({ label: manager });
  await form.getByRole('button', { name: 'Reassign' }).click();
  await expect(form.getByRole('status')).toContainText('now manages');
}

test('an admin adds users, changes a role, reassigns a chain and deactivates a user, whose token then gets 401', async ({
  page,
  signInAs,
  browser,
  baseURL,
  playwright,
}) => {
  test.setTimeout(120_000);
  const id = unique();
  const [amEmail, opsEmail] = [`am-${id}@example.com`, `ops-${id}@example.com`];
  await signInAs('admin');
  await page.goto('/fleet');
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  await addUser(page, amEmail, 'account_manager');
  await addUser(page, opsEmail, 'ops');
  const duplicate = page.getByRole('form', { name: 'Add a user' });
  await duplicate.getByLabel('Email').fill(amEmail.toUpperCase());
  await duplicate.getByLabel('Name').fill('Twice');
  await duplicate.getByRole('button', { name: 'Add user' }).click();
  await expect(duplicate.getByRole('alert')).toContainText('exists already');

  const opsRow = page.getByTestId(`user-${opsEmail}`);
  await opsRow.getByLabel(`Role of ${opsEmail}`).selectOption('finance');
  await opsRow.getByRole('button', { name: `Change role of ${opsEmail}` }).click();
  await expect(opsRow.getByRole('status')).toHaveText(`${opsEmail} is now finance.`);

  // Curry House to the new account manager, then back to am2.
  const users = (await (await page.request.get('/api/v1/users')).json()) as {
    users: { email: string; name: string }[];
  };
  const am2 = users.users.find((u) => u.email === 'am2@fleetpane.local')!;
  await reassign(page, 'Curry House', `Spec am-${id} (${amEmail})`);
  await expect(page.getByTestId(`user-${amEmail}`).getByTestId('manages')).toHaveText('Curry House');
  await reassign(page, 'Curry House', `${am2.name} (${am2.email})`);
  await expect(page.getByTestId(`user-${amEmail}`).getByTestId('manages')).toHaveText('—');

  const token = await tokenOf(browser, baseURL!, amEmail);
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await api.get('/api/v1/chains')).status()).toBe(200);

  const amRow = page.getByTestId(`user-${amEmail}`);
  await amRow.getByRole('button', { name: `Deactivate ${amEmail}` }).click();
  await expect(amRow.getByRole('group', { name: `Deactivate ${amEmail}` })).toContainText('API tokens stop at once');
  await amRow.getByRole('button', { name: 'Yes, deactivate' }).click();
  await expect(amRow.getByRole('status')).toContainText('deactivated');
  await expect(amRow).toContainText('Deactivated');
  expect((await api.get('/api/v1/chains')).status()).toBe(401);
  await api.dispose();
});

for (const who of ['ops', 'finance'] as const) {
  test(`${who} gets 403 on the users page and the users API, and no Users link`, async ({ page, signInAs }) => {
    await signInAs(who);
    expect((await page.goto('/settings/users'))?.status()).toBe(403);
    await page.goto('/fleet');
    await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
    expect((await page.request.get('/api/v1/users')).status()).toBe(403);
    const body = { email: `x-${unique()}@example.com`, name: 'X', role: 'admin' };
    expect((await page.request.post('/api/v1/users', { data: body })).status()).toBe(403);
    const someone = '00000000-0000-4000-8000-000000000000';
    expect((await page.request.patch(`/api/v1/users/${someone}`, { data: { role: 'admin' } })).status()).toBe(403);
    const chains = { data: { chains: ['curry-house'] } };
    expect((await page.request.post(`/api/v1/users/${someone}/chains`, chains)).status()).toBe(403);
  });
}
