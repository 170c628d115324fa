import 'server-only';
import { db } from '@/lib/server/db/client';

export type KeptInstance = { identifier: string; replacedBy: string; replacedAt: string };

/** Instances a chain was cut over from and that are not retired yet: they still run, and still cost. */
export async function findKeptInstances(slug: string): Promise<KeptInstance[]> {
  const rows = await db.replacedDbInstance.findMany({
    where: { chain: { slug }, retiredAt: null },
    select: { dbInstanceIdentifier: true, replacedBy: true, replacedAt: true },
    orderBy: { replacedAt: 'asc' },
  });
  return rows.map((r) => ({
    identifier: r.dbInstanceIdentifier,
    replacedBy: r.replacedBy,
    replacedAt: r.replacedAt.toISOString(),
  }));
}
