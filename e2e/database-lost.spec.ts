import { chainSnapshots, operationOf, queueBackup } from './support/backups';
import { expect, test } from './fixtures';

// The database gone for 30 s (PostgreSQL runs: npm test puts a TCP proxy between the app and its database
// and this spec cuts it, every connection closed and new ones refused). Every page answers 503 "Database
// unavailable" and every API call 503 with Retry-After, never a 500; when the database is back the server
// answers again by itself, and a backup queued just before the cut ends succeeded with one snapshot.
// Its own project, after the other specs: a lost database would fail theirs.

const SLUG = 'burger-barn';
const LOST_MS = 30_000;
const PAGES = ['/fleet', `/chains/${SLUG}`, '/sla', '/operations', '/audit'];
const APIS = ['/api/v1/chains', `/api/v1/chains/${SLUG}`, '/api/v1/operations'];

test.use({ expectedConsoleErrors: [/the server responded with a status of 503/] });

const snapshotsOf = chainSnapshots(SLUG);

test('with the database lost for 30 s pages and the API answer 503, never 500, and recover by themselves', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(LOST_MS + 120_000);
  const control = process.env.FLEETPANE_TEST_DATABASE_PROXY_URL;
  test.skip(!control, 'PostgreSQL runs only: the embedded database lives inside the server process');
  await signInAs('ops');
  const before = (await snapshotsOf()).length;
  const operationId = await queueBackup(page, SLUG);

  expect((await fetch(`${control}/cut`, { method: 'POST' })).status).toBe(204);
  const cutAt = Date.now();
  const seen = new Map<string, Set<number>>();
  const note = (path: string, status: number) => (seen.get(path) ?? seen.set(path, new Set()).get(path)!).add(status);
  try {
    while (Date.now() - cutAt < LOST_MS) {
      for (const path of [...PAGES, ...APIS]) {
        const res = await page.request.get(path, { maxRedirects: 0 });
        note(path, res.status());
        if (res.status() === 503) expect(Number(res.headers()['retry-after']), path).toBeGreaterThan(0);
        if (res.status() === 503 && path.startsWith('/api/'))
          expect(((await res.json()) as { error: string }).error).toContain('The database is unavailable');
      }
      await page.goto('/fleet', { waitUntil: 'commit' });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Database unavailable');
    }
  } finally {
    await fetch(`${control}/cut`, { method: 'DELETE' });
  }
  const back = Date.now();
  // Only 503 while it was gone: not a 500, not a sign-in page, not a page drawn from nothing.
  expect(Object.fromEntries([...seen].map(([path, s]) => [path, [...s]]))).toEqual(
    Object.fromEntries([...PAGES, ...APIS].map((path) => [path, [503]])),
  );

  // Back by itself: every page and call answers again, nothing restarted by hand.
  for (const path of [...PAGES, ...APIS])
    await expect.poll(async () => (await page.request.get(path)).status(), { timeout: 20_000 }).toBe(200);
  console.log(
    `database lost ${LOST_MS / 1000} s: every page answering again ${Date.now() - back} ms after it was back`,
  );
  await page.goto('/fleet');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fleet');

  // The backup queued before the cut: ended once, with one snapshot (a run the cut interrupted was taken again).
  const status = async () => (await operationOf(page, operationId)).status;
  await expect.poll(status, { timeout: 60_000 }).toBe('succeeded');
  console.log(`the backup queued before the cut succeeded ${Date.now() - back} ms after the database was back`);
  const after = await snapshotsOf();
  expect(after).toHaveLength(before + 1);
});
