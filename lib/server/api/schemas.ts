import { z } from 'zod';
import { healthValues } from '@/lib/fleet-query';
import { conformanceRules, fixOperations } from '@/lib/sla/conformance';
import { upgradeKeys } from '@/lib/sla/sla-terms';
import type { ChainDetail, FleetChain, FleetPage, FleetTiles } from '@/lib/server/fleet/fleet-dto';
import type { ContractView } from '@/lib/server/sla/find-contract';

// The read API's response shapes. The OpenAPI document is generated from these, and the compile-time
// checks at the bottom keep them equal to the DTOs the handlers return.

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
  })
  .meta({ id: 'FleetChain' });

export const conformanceSchema = z
  .object({
    ok: z.boolean().describe('True when no finding is open'),
    findings: z.array(
      z.object({
        rule: z.enum(conformanceRules),
        direction: z
          .enum(['under', 'over'])
          .describe('under: SLA or compliance risk; over: more than the contract pays for (margin leak)'),
        title: z.string(),
        promised: z.string(),
        deployed: z.string(),
        since: isoDate
          .nullable()
          .describe('First seen by the collector; null when found by an edit since the last pass'),
        fix: z.enum(fixOperations).nullable().describe('The operation that fixes it, if any'),
      }),
    ),
  })
  .meta({ id: 'Conformance' });

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
      snapshots: z.array(
        z.object({
          id: z.string(),
          type: z.enum(['automated', 'manual']),
          createdAt: isoDate,
          sizeGb: z.number().nullable(),
          status: z.string().nullable(),
        }),
      ),
      sharedWith: z.array(z.string()).describe('Other chains with a database in the same shared instance'),
    }),
  })
  .meta({ id: 'ChainDetail' });

const tilesSchema = z.object({
  healthy: z.number().int(),
  degraded: z.number().int(),
  down: z.number().int(),
  unknown: z.number().int(),
  findings: z.number().int().nullable(),
  operationsRunning: z.number().int(),
});

export const fleetPageSchema = z
  .object({
    chains: z.array(fleetChainSchema),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
    tiles: tilesSchema,
    regions: z.array(z.string()),
    tiers: z.array(z.object({ key: z.string(), name: z.string() })),
    lastRun: z
      .object({
        finishedAt: isoDate,
        awsCalls: z.number().int(),
        chains: z.number().int(),
        failedScopes: z.number().int(),
      })
      .nullable(),
  })
  .meta({ id: 'FleetPage' });

export const contractResponseSchema = z
  .object({
    contract: z
      .object({
        tier: z.string(),
        startDate: z.string().describe('YYYY-MM-DD'),
        endDate: z.string().describe('YYYY-MM-DD'),
        monthlyPrice: z.string().describe('Decimal string, two decimals'),
        currency: z.string().length(3),
        marginTargetPct: z.string(),
        upgrades: z.array(
          z.object({ key: z.enum(upgradeKeys), monthlyPrice: z.string(), quantity: z.number().int().optional() }),
        ),
        creditSchedule: z
          .array(z.object({ below: z.number(), creditPct: z.number() }))
          .describe('Availability % below which the credit % of the month applies; highest threshold first'),
        version: z.number().int().describe('Send it back with an edit; an edit of an older version gets 409'),
        updatedAt: isoDate,
      })
      .nullable(),
  })
  .meta({ id: 'ContractResponse' });

export const chainResponseSchema = z.object({ chain: chainDetailSchema }).meta({ id: 'ChainResponse' });
export const errorSchema = z
  .object({ error: z.string(), issues: z.array(z.string()).optional() })
  .meta({ id: 'Error' });

// Compile-time: the schemas and the DTOs describe the same data, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof fleetChainSchema>, FleetChain>,
  Same<z.infer<typeof chainDetailSchema>, ChainDetail>,
  Same<z.infer<typeof tilesSchema>, FleetTiles>,
  Same<z.infer<typeof fleetPageSchema>, FleetPage>,
  Same<z.infer<typeof contractResponseSchema>['contract'], ContractView['contract']>,
] = [true, true, true, true, true];
void checks;
