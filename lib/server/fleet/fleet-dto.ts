import type { DatabaseKind, Health } from '@/lib/generated/prisma/enums';
import type { ConformanceDto } from '@/lib/server/sla/find-conformance';
import type { CollectorRunSummary } from './find-last-collector-run';

// What the fleet pages and the read API hand out: plain data, never Prisma models or SDK shapes.
// The API's zod schemas (lib/server/api/schemas.ts) describe exactly these shapes.
export type FleetChain = {
  slug: string;
  name: string;
  region: string;
  residency: string | null;
  accountId: string;
  ownAccount: boolean;
  tier: { key: string; name: string; availabilityTarget: number };
  health: Health;
  /** This UTC month: healthy share of measured samples (0..1), null when nothing was measured. */
  availability: number | null;
  availabilityMeasured: number;
  database: {
    kind: DatabaseKind;
    identifier: string;
    instanceClass: string | null;
    engine: string | null;
    status: string | null;
    multiAz: boolean | null;
    allocatedStorageGb: number | null;
    storageUsedPct: number | null;
    latestBackupAt: string | null;
  };
  app: { instanceId: string | null; instanceType: string | null; state: string | null };
  cpuSpark: number[];
  /** Open conformance findings as of the last collector pass: under (risk) and over (margin leak). */
  findings: { under: number; over: number };
  refreshedAt: string | null;
  stale: boolean;
  staleReason: string | null;
};

export type SnapshotDto = {
  id: string;
  type: 'automated' | 'manual';
  createdAt: string;
  sizeGb: number | null;
  status: string | null;
};

export type ChainDetail = FleetChain & {
  environment: string;
  accountManager: { name: string; email: string } | null;
  conformance: ConformanceDto;
  database: FleetChain['database'] & {
    databaseName: string;
    engineVersion: string | null;
    backupRetentionDays: number | null;
    storageEncrypted: boolean | null;
    deletionProtection: boolean | null;
    endpoint: string | null;
    tags: Record<string, string>;
    snapshots: SnapshotDto[];
    sharedWith: string[];
  };
};

export type FleetTiles = {
  healthy: number;
  degraded: number;
  down: number;
  unknown: number;
  findings: number | null;
  operationsRunning: number;
};

export type FleetPage = {
  chains: FleetChain[];
  total: number;
  page: number;
  size: number;
  tiles: FleetTiles;
  regions: string[];
  tiers: { key: string; name: string }[];
  lastRun: CollectorRunSummary;
};
