import 'server-only';
import { randomUUID } from 'node:crypto';
import { db } from './client';

// Named leases (rows of the CollectorLease table), for work that can start outside the scheduler and must
// not overlap itself across processes: a collector pass also starts from "Refresh now" and after each
// operation, and the cost ingestion from `ingestCostsIfDue`. Recurring jobs themselves are kept from running
// twice by the scheduler's claims (lib/server/schedule), not by a lease.

// Longer than any pass should take; a holder that died frees the lease when it runs out.
const LEASE_MS = 5 * 60_000;

/** Takes a named lease if no live holder has it; returns a release function, or null. */
export async function acquireLease(name: string, leaseMs = LEASE_MS): Promise<(() => Promise<void>) | null> {
  const holder = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + leaseMs);
  const created = await db.collectorLease
    .create({ data: { id: name, holder, expiresAt } })
    .then(() => true)
    .catch(() => false);
  if (!created) {
    // Row-level atomic: of two workers racing for an expired lease, one updates one row, the other none.
    const taken = await db.collectorLease.updateMany({
      where: { id: name, expiresAt: { lt: now } },
      data: { holder, expiresAt },
    });
    if (taken.count === 0) return null;
  }
  return async () => {
    await db.collectorLease.updateMany({ where: { id: name, holder }, data: { expiresAt: new Date(0) } });
  };
}
