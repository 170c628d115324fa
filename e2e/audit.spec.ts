import { demoEmail, signedIn } from './support/callers';
import type { DemoLogin } from './support/callers';
import { createToken } from './support/tokens';
import { expect, test } from './fixtures';

// Reading the trail: each role through the API sees its scope only; the CSV is the JSON's view; verify says
// the chain is intact; the page filters, pages and opens an event. Events of the specs running beside this
// one come and go: each check holds whatever else is in the trail.

type Event = { id: string; action: string; actor: string | null; chain: string | null; source: string };

async function everything(login: DemoLogin, playwright: Parameters<typeof signedIn>[0], baseURL: string) {
  const who = await signedIn(playwright, baseURL, demoEmail(login));
  const events: Event[] = [];
  let cursor = '';
  do {
    const res = await who.get(`/api/v1/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { events: Event[]; nextCursor: string | null };
    events.push(...page.events);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  await who.dispose();
  return events;
}

const people = /^(user\.|api-token\.|auth\.|authz\.)/;

test('each role reads its own scope of the trail through the API', async ({ page, signInAs, playwright, baseURL }) => {
  test.setTimeout(90_000);
  // An event only admins may read: an admin's new API token.
  await signInAs('admin');
  const { name } = await createToken(page, 'audit-scope');
  const admin = await everything('admin', playwright, baseURL!);
  expect(admin.some((e) => e.action === 'api-token.create' && e.actor === demoEmail('admin'))).toBe(true);
  expect(new Set(admin.filter((e) => e.action === 'auth.sign-in').map((e) => e.actor)).size).toBeGreaterThan(1);

  for (const login of ['ops', 'finance'] as const) {
    const events = await everything(login, playwright, baseURL!);
    const aboutPeople = events.filter((e) => !e.chain && people.test(e.action));
    expect(aboutPeople.filter((e) => !(e.action.startsWith('auth.') && e.actor === demoEmail(login)))).toEqual([]);
    expect(events.some((e) => e.action === 'auth.sign-in' && e.actor === demoEmail(login))).toBe(true);
  }
  // users.spec.ts moves a chain away from am2 and back meanwhile: what they managed before or after the read.
  const adminApi = await signedIn(playwright, baseURL!, demoEmail('admin'));
  const managedBy = async (login: DemoLogin) => {
    const users = (await (await adminApi.get('/api/v1/users')).json()) as {
      users: { email: string; chains: { slug: string }[] }[];
    };
    return users.users.find((u) => u.email === demoEmail(login))!.chains.map((c) => c.slug);
  };
  for (const login of ['am', 'am2'] as const) {
    const before = await managedBy(login);
    const events = await everything(login, playwright, baseURL!);
    const managed = new Set([...before, ...(await managedBy(login))]);
    expect(managed.size).toBeGreaterThan(0);
    const outside = events.filter(
      (e) => !(e.chain && managed.has(e.chain)) && !(e.action.startsWith('auth.') && e.actor === demoEmail(login)),
    );
    expect(outside, `${login} reads only the chains they manage`).toEqual([]);
  }
  await adminApi.dispose();
  expect(name).toBeTruthy();
});

test('the CSV download is the filtered view; verify walks the chain (admins only)', async ({ playwright, baseURL }) => {
  const admin = await signedIn(playwright, baseURL!, demoEmail('admin'));
  const json = (await (await admin.get('/api/v1/audit?action=auth.&limit=500')).json()) as { events: Event[] };
  const csv = await admin.get('/api/v1/audit?action=auth.&format=csv');
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="fleetpane-audit-/);
  const lines = (await csv.text()).trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'id,at,actor,actor_role,token,source,chain,action,target,result,before,after,detail,request_id,ip,user_agent,hash',
  );
  // Specs beside this one sign in meanwhile: the CSV, read after, holds at least the JSON's events.
  const ids = new Set(lines.slice(1).map((l) => l.split(',')[0]));
  expect(json.events.every((e) => ids.has(e.id))).toBe(true);
  expect(lines.slice(1).every((l) => l.split(',')[7]!.startsWith('auth.'))).toBe(true);

  const verified = await admin.get('/api/v1/audit/verify');
  expect(await verified.json()).toMatchObject({
    status: 'ok',
    firstBroken: null,
    head: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  for (const bad of ['cursor=garbage', 'limit=0', 'from=yesterday', 'result=maybe', 'bogus=1']) {
    const res = await admin.get(`/api/v1/audit?${bad}`);
    expect(res.status(), bad).toBe(400);
  }
  await admin.dispose();
  const ops = await signedIn(playwright, baseURL!, demoEmail('ops'));
  expect((await ops.get('/api/v1/audit/verify')).status()).toBe(403);
  await ops.dispose();
});

test('the audit page filters, pages, opens an event, and each chain links to its trail', async ({ page, signInAs }) => {
  await signInAs('admin');
  await page.goto('/chains/burger-barn/contract');
  await page.getByRole('navigation', { name: 'Chain' }).getByRole('link', { name: 'Audit trail' }).click();
  await expect(page).toHaveURL(/\/audit\?chain=burger-barn$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');

  await page.goto('/audit');
  const filters = page.getByRole('form', { name: 'Filter the audit trail' });
  await filters.getByLabel('Action').selectOption('auth.');
  await filters.getByLabel('Actor').fill(demoEmail('admin'));
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=auth\./);
  const rows = page.getByTestId('audit').locator('tbody > tr');
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.locator('summary').allTextContents()) expect(text).toMatch(/^auth\./);

  // Pages of one: the next page holds another event.
  await page.goto(`/audit?action=auth.&limit=1`);
  const first = await rows.first().getAttribute('data-testid');
  await page.getByTestId('audit-older').click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows).toHaveCount(1);
  expect(await rows.first().getAttribute('data-testid')).not.toBe(first);

  await rows.first().locator('summary').click();
  const detail = rows.first().getByTestId('audit-detail');
  await expect(detail).toContainText('Request');
  await expect(detail).toContainText(/[0-9a-f]{64}/);

  await page.goto('/audit?cursor=garbage');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be read' })).toContainText('not a cursor');
});
