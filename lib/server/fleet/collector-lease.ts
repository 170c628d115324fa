import 'server-only';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/server/db/client';

const LEASE_ID = 'collector';
// Longer than any pass should take; a holder that died frees the lease when it runs out.
const LEASE_MS = 5 * 60_000;

/** Takes the collector lease if no live holder has it; returns a release function, or null. */
export async function acquireCollectorLease(): Promise<(() => Promise<void>) | null> {
  const holder = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LEASE_MS);
  const created = await db.collectorLease
    .create({ data: { id: LEASE_ID, holder, expiresAt } })
    .then(() => true)
    .catch(() => false);
  if (!created) {
    // Row-level atomic: of two workers racing for an expired lease, one updates one row, the other none.
    const taken = await db.collectorLease.updateMany({ where: { id: LEASE_ID, expiresAt: { lt: now } }, data: { holder, expiresAt } });
    if (taken.count === 0) return null;
  }
  return async () => {
    await db.collectorLease.updateMany({ where: { id: LEASE_ID, holder }, data: { expiresAt: new Date(0) } });
  };
}
