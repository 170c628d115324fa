import type { DatabaseKind, Health } from '@/lib/generated/prisma/enums';

// What the fleet pages and the read API hand out: plain data, never Prisma models or SDK shapes.
export type FleetChain = {
  slug: string;
  name: string;
  region: string;
  residency: string | null;
  accountId: string;
  ownAccount: boolean;
  tier: { key: string; name: string; availabilityTarget: number };
  health: Health;
  database: {
    kind: DatabaseKind;
    identifier: string;
    instanceClass: string | null;
    engine: string | null;
    status: string | null;
    multiAz: boolean | null;
  };
  app: { instanceId: string | null; instanceType: string | null; state: string | null };
  refreshedAt: string | null;
  stale: boolean;
  staleReason: string | null;
};

export type ChainDetail = FleetChain & {
  environment: string;
  accountManager: { name: string; email: string } | null;
  database: FleetChain['database'] & {
    databaseName: string;
    engineVersion: string | null;
    allocatedStorageGb: number | null;
    backupRetentionDays: number | null;
    storageEncrypted: boolean | null;
    deletionProtection: boolean | null;
    endpoint: string | null;
    tags: Record<string, string>;
    latestSnapshotAt: string | null;
    sharedWith: string[];
  };
};
