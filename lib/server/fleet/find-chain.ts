import 'server-only';
import { db } from '@/lib/server/db/client';
import { findConformance } from '@/lib/server/sla/find-conformance';
import { findMonthAvailability } from '@/lib/server/sla/month-availability';
import { fleetChainSelect, toFleetChain } from './fleet-chain-row';
import type { ChainDetail, SnapshotDto } from '@/lib/fleet/dto';

function toTags(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function toSnapshots(value: unknown): SnapshotDto[] {
  return Array.isArray(value) ? (value as SnapshotDto[]) : [];
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
          backupRetentionDays: true,
          storageEncrypted: true,
          deletionProtection: true,
          dbEndpoint: true,
          dbTags: true,
          recentSnapshots: true,
          sharedDbInstance: { select: { deployments: { select: { chain: { select: { slug: true } } } } } },
        },
      },
    },
  });
  if (!row) return null;
  const [availability, conformance] = await Promise.all([findMonthAvailability([row.id]), findConformance([row.id])]);
  const base = toFleetChain(row, availability.get(row.id));
  const d = row.deployment;
  return {
    ...base,
    environment: row.environment,
    accountManager: row.accountManager,
    conformance: conformance.get(row.id) ?? { ok: false, read: false, findings: [] },
    database: {
      ...base.database,
      databaseName: d?.databaseName ?? '',
      engineVersion: d?.dbEngineVersion ?? null,
      backupRetentionDays: d?.backupRetentionDays ?? null,
      storageEncrypted: d?.storageEncrypted ?? null,
      deletionProtection: d?.deletionProtection ?? null,
      endpoint: d?.dbEndpoint ?? null,
      tags: toTags(d?.dbTags),
      snapshots: toSnapshots(d?.recentSnapshots),
      // Other chains on the same shared instance: same instance, separate databases and logins.
      sharedWith: (d?.sharedDbInstance?.deployments ?? []).map((x) => x.chain.slug).filter((s) => s !== row.slug),
    },
  };
}
