// What the fleet pages and the read API hand out, on the server and in client components alike: plain data,
// never Prisma models or SDK shapes. Each type is inferred from the zod schema the API documents (the
// OpenAPI document is generated from these), so the two cannot drift. Client components import types only:
// the schemas stay on the server.
import { z } from 'zod';
import { healthValues } from '@/lib/fleet-query';
import { conformanceSchema } from '@/lib/sla/dto';

const isoDate = z.string().describe('ISO 8601 date-time, UTC');

export const fleetChainSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    region: z.string(),
    residency: z.string().nullable().describe('Data-residency rule, e.g. "EU"'),
    accountId: z.string().describe('AWS account the chain lives in'),
    ownAccount: z.boolean().describe("True when the account is the chain's own, reached through a role"),
    tier: z.object({
      key: z.string(),
      name: z.string(),
      availabilityTarget: z.number().describe('Fraction, e.g. 0.999'),
    }),
    health: z.enum(healthValues),
    availability: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('Current UTC month: healthy share of measured 5-minute samples; null when none was measured'),
    availabilityMeasured: z
      .number()
      .min(0)
      .max(1)
      .describe('Measured samples against the samples the month has had so far'),
    database: z.object({
      kind: z.enum(['dedicated', 'shared']),
      identifier: z.string(),
      instanceClass: z.string().nullable(),
      engine: z.string().nullable(),
      status: z.string().nullable(),
      multiAz: z.boolean().nullable(),
      allocatedStorageGb: z.number().nullable(),
      storageUsedPct: z.number().nullable(),
      latestBackupAt: isoDate.nullable(),
    }),
    app: z.object({
      instanceId: z.string().nullable(),
      instanceType: z.string().nullable(),
      state: z.string().nullable(),
    }),
    cpuSpark: z.array(z.number()).describe('Database CPU %, hourly over the last 24 hours, oldest first'),
    findings: z
      .object({ under: z.number().int(), over: z.number().int() })
      .describe('Open conformance findings: under (SLA or compliance risk), over (more than the contract pays for)'),
    refreshedAt: isoDate.nullable(),
    stale: z.boolean(),
    staleReason: z.string().nullable(),
    alerts: z
      .object({ firing: z.number().int(), severity: z.enum(['page', 'ticket']) })
      .nullable()
      .describe('Firing alerts (pending ones are not told yet) and the most urgent severity; null: none'),
  })
  .meta({ id: 'FleetChain' });
export type FleetChain = z.infer<typeof fleetChainSchema>;

const snapshotSchema = z.object({
  id: z.string(),
  type: z.enum(['automated', 'manual']),
  createdAt: isoDate,
  sizeGb: z.number().nullable(),
  status: z.string().nullable(),
});
export type SnapshotDto = z.infer<typeof snapshotSchema>;

export const chainDetailSchema = fleetChainSchema
  .extend({
    environment: z.string(),
    accountManager: z.object({ name: z.string(), email: z.string() }).nullable(),
    conformance: conformanceSchema,
    database: fleetChainSchema.shape.database.extend({
      databaseName: z.string(),
      engineVersion: z.string().nullable(),
      backupRetentionDays: z.number().nullable(),
      storageEncrypted: z.boolean().nullable(),
      deletionProtection: z.boolean().nullable(),
      endpoint: z.string().nullable(),
      tags: z.record(z.string(), z.string()),
      snapshots: z.array(snapshotSchema),
      sharedWith: z.array(z.string()).describe('Other chains with a database in the same shared instance'),
    }),
  })
  .meta({ id: 'ChainDetail' });
export type ChainDetail = z.infer<typeof chainDetailSchema>;

const fleetTilesSchema = z.object({
  healthy: z.number().int(),
  degraded: z.number().int(),
  down: z.number().int(),
  unknown: z.number().int(),
  findings: z.number().int().nullable(),
  operationsRunning: z.number().int(),
});
export type FleetTiles = z.infer<typeof fleetTilesSchema>;

const collectorRunSchema = z.object({
  finishedAt: isoDate,
  awsCalls: z.number().int(),
  chains: z.number().int(),
  failedScopes: z.number().int(),
});
/** The last finished pass of the collector; null before the first. */
export type CollectorRunSummary = z.infer<typeof collectorRunSchema> | null;

export const fleetPageSchema = z
  .object({
    chains: z.array(fleetChainSchema),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
    tiles: fleetTilesSchema,
    regions: z.array(z.string()),
    tiers: z.array(z.object({ key: z.string(), name: z.string() })),
    lastRun: collectorRunSchema.nullable(),
  })
  .meta({ id: 'FleetPage' });
export type FleetPage = z.infer<typeof fleetPageSchema>;
