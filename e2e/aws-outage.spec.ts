import { expect, test } from './fixtures';

// AWS hangs (the test run's fault proxy holds every call that mentions one chain: calls neither answer nor
// fail): the chain page still answers from stored state at once, its charts say why they are missing, and
// they come once AWS answers again. Bagel Bros: a chain no other spec opens, so no cached read hides it.

const SLUG = 'bagel-bros';

test('with CloudWatch hung, the chain page answers at once, names the reason, then draws the charts', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(60_000);
  const proxy = process.env.FLEETPANE_APP_AWS_ENDPOINT_URL;
  test.skip(!proxy, 'needs the fault proxy npm test puts in front of the app');
  await signInAs('ops');
  const hang = await fetch(`${proxy}/__fault/hang`, {
    method: 'POST',
    body: JSON.stringify({ match: SLUG, ms: 9_000 }),
  });
  expect(hang.status).toBe(204);

  // Long before the hang ends: the page does not wait for CloudWatch (the time it takes is bench:pages').
  await page.goto(`/chains/${SLUG}`, { waitUntil: 'commit' });
  await expect(page.getByTestId('database-details')).toContainText('bagel_bros', { timeout: 5_000 });
  await expect(page.getByTestId('charts-reason')).toContainText('CloudWatch did not answer within', {
    timeout: 8_000,
  });
  // When AWS answers again, the browser's retries draw them.
  await expect(page.getByTestId('charts-24h')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('charts-reason')).toHaveCount(0);
});
