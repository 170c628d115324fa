import { chainSnapshots, operationOf, queueBackup } from './support/backups';
import { expect, test } from './fixtures';

// All of AWS hangs for 90 s (the fault proxy in front of the app holds every call: calls neither answer nor
// fail). Every console page answers from stored state in under 2 s meanwhile, the chain page names why its
// charts are missing, and a backup queued during the outage waits for AWS and succeeds after it, with one
// snapshot. Its own project, after every other spec: a hung AWS would slow theirs.

const SLUG = 'noodle-nest';
const HANG_MS = 90_000;
const PAGES = [
  '/fleet',
  `/chains/${SLUG}`,
  `/chains/${SLUG}/sla`,
  `/chains/${SLUG}/contract`,
  `/chains/${SLUG}/report`,
  '/sla',
  '/operations',
  '/reports/costs',
  `/reports/costs/${SLUG}`,
  '/audit',
  '/settings/tiers',
  '/settings/prices',
  '/settings/schedules',
  '/settings/tokens',
  '/settings/users',
];

// The charts' retries through the API meet 503 "CloudWatch did not answer" while AWS hangs: that is the point.
test.use({ expectedConsoleErrors: [/the server responded with a status of 503/] });

// Noodle Nest lives in its own account (reached by AssumeRole, as the app does): its snapshots are there.
const snapshotsOf = chainSnapshots(SLUG);

test('through a 90 s AWS outage every page answers in under 2 s, and a backup queued meanwhile succeeds after it', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(HANG_MS + 150_000);
  const proxy = process.env.FLEETPANE_APP_AWS_ENDPOINT_URL;
  test.skip(!proxy, 'needs the fault proxy npm test puts in front of the app');
  await signInAs('admin');
  const before = (await snapshotsOf()).length;
  const hang = await fetch(`${proxy}/__fault/hang`, {
    method: 'POST',
    body: JSON.stringify({ match: '', ms: HANG_MS }),
  });
  expect(hang.status).toBe(204);
  const hangEnds = Date.now() + HANG_MS;
  try {
    const operation = { id: await queueBackup(page, SLUG) };

    const slow: string[] = [];
    for (const path of PAGES) {
      const started = Date.now();
      const res = await page.goto(path, { waitUntil: 'commit' });
      expect(res?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 10_000 });
      const ms = Date.now() - started;
      if (ms >= 2_000) slow.push(`${path}: ${ms} ms`);
    }
    expect(slow, 'pages slower than 2 s while AWS hangs').toEqual([]);

    await page.goto(`/chains/${SLUG}`, { waitUntil: 'commit' });
    await expect(page.getByTestId('charts-reason')).toContainText('CloudWatch did not answer within', {
      timeout: 10_000,
    });

    // The backup waits for AWS, saying so, instead of failing; it succeeds once AWS answers again.
    const status = () => operationOf(page, operation.id);
    await expect
      .poll(async () => (await status()).steps.map((s) => s.detail ?? '').join(' | '), { timeout: HANG_MS })
      .toMatch(/waiting for AWS: .*retrying/);
    expect(Date.now(), 'still waiting while AWS hangs').toBeLessThan(hangEnds);
    await expect.poll(async () => (await status()).status, { timeout: HANG_MS + 60_000 }).toBe('succeeded');
    const after = await snapshotsOf();
    expect(after).toHaveLength(before + 1);
    expect(after.filter((s) => s.DBSnapshotIdentifier === `fp-${SLUG}-op-${operation.id.slice(0, 8)}`)).toHaveLength(1);
  } finally {
    await fetch(`${proxy}/__fault/hang`, { method: 'DELETE' });
  }
});
