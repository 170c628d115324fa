import { DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { handPickedChains } from '../../lib/server/demo/demo-chains';

// A backup asked of the API and followed to its end, and the chain's snapshots read from the emulator
// directly (in the chain's own account where it has one, by AssumeRole as the app does): the outage specs
// check that an operation queued around a fault ends once, with one snapshot.

/** The snapshots of the demo chain's database instance, as AWS lists them. */
export function chainSnapshots(slug: string): () => Promise<{ DBSnapshotIdentifier?: string }[]> {
  const chain = handPickedChains.find((c) => c.slug === slug)!;
  const rds = new RDSClient({
    region: chain.region,
    maxAttempts: 1,
    ...(chain.roleArn
      ? { credentials: fromTemporaryCredentials({ params: { RoleArn: chain.roleArn, RoleSessionName: 'e2e' } }) }
      : {}),
  });
  return async () =>
    (await rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: `fp-${slug}` }))).DBSnapshots ?? [];
}

/** Queues a backup of the chain as the signed-in page's user; its operation id. */
export async function queueBackup(page: Page, slug: string): Promise<string> {
  const queued = await page.request.post(`/api/v1/chains/${slug}/operations`, {
    headers: { 'idempotency-key': randomUUID() },
    data: { type: 'backup', params: {} },
  });
  expect(queued.status()).toBe(202);
  return ((await queued.json()) as { operation: { id: string } }).operation.id;
}

/** The operation as the API shows it: its status and its steps' details. */
export async function operationOf(
  page: Page,
  id: string,
): Promise<{ status: string; steps: { detail: string | null }[] }> {
  const res = await page.request.get(`/api/v1/operations/${id}`);
  return ((await res.json()) as { operation: { status: string; steps: { detail: string | null }[] } }).operation;
}
