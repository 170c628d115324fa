import { DescribeDBInstancesCommand, ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { expect, test } from './fixtures';

test('the fleet page follows a change made directly in AWS', async ({ page, signInAs }) => {
  const rds = new RDSClient({ region: 'eu-west-1', maxAttempts: 1 });
  await rds.send(
    new ModifyDBInstanceCommand({
      DBInstanceIdentifier: 'fp-green-bowl',
      DBInstanceClass: 'db.r6g.xlarge',
      ApplyImmediately: true,
    }),
  );
  const { DBInstances } = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'fp-green-bowl' }));
  expect(DBInstances?.[0]?.DBInstanceClass).toBe('db.r6g.xlarge');

  await signInAs('ops');
  await page.goto('/fleet');
  await expect(page.locator('[data-hydrated]')).toBeVisible();
  const row = page.getByTestId('chain-row-green-bowl');
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(row.getByTestId('database')).toContainText('db.r6g.xlarge');
  await row.getByRole('link', { name: 'Green Bowl' }).click();
  await expect(page.getByTestId('database-details')).toContainText('db.r6g.xlarge');
});
