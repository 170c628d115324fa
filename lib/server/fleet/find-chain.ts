import 'server-only';
import { db } from '@/lib/server/db/client';
import type { ChainDetail } from './fleet-dto';
import { fleetChainSelect, toFleetChain } from './find-fleet-chains';

function toTags(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** One chain's deployment as last read; null when no active chain has that slug. */
export async function findChain(slug: string): Promise<ChainDetail | null> {
  const row = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: {
      ...fleetChainSelect,
      environment: true,
      accountManager: { select: { name: true, email: true } },
      deployment: {
        select: {
          ...fleetChainSelect.deployment.select,
          databaseName: true,
          dbEngineVersion: true,
          allocatedStorageGb: true,
          backupRetentionDays: true,
          storageEncrypted: true,
          deletionProtection: true,
          dbEndpoint: true,
          dbTags: true,
          latestSnapshotAt: true,
          sharedDbInstance: {
            select: { deployments: { select: { chain: { select: { slug: true } } } } },
          },
        },
      },
    },
  });
  if (!row) return null;
  const base = toFleetChain(row);
  const d = row.deployment;
  return {
    ...base,
    environment: row.environment,
    accountManager: row.accountManager,
    database: {
      ...base.database,
      databaseName: d?.databaseName ?? '',
      engineVersion: d?.dbEngineVersion ?? null,
      allocatedStorageGb: d?.allocatedStorageGb ?? null,
      backupRetentionDays: d?.backupRetentionDays ?? null,
      storageEncrypted: d?.storageEncrypted ?? null,
      deletionProtection: d?.deletionProtection ?? null,
      endpoint: d?.dbEndpoint ?? null,
      tags: toTags(d?.dbTags),
      latestSnapshotAt: d?.latestSnapshotAt?.toISOString() ?? null,
      // Other chains on the same shared instance: same instance, separate databases and logins.
      sharedWith: (d?.sharedDbInstance?.deployments ?? []).map((x) => x.chain.slug).filter((s) => s !== row.slug),
    },
  };
}
