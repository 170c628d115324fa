// What the nightly check's API answers: a chain's latest results with the last drill's evidence, and a run's
// summary. One schema each, also the OpenAPI document's components.
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';

const isoDate = z.string().describe('ISO 8601 date-time, UTC');
const status = z.enum(['ok', 'warn', 'fail']);

export const checkItemSchema = z
  .object({
    check: z.string().describe('backup, restore-drill, flags, conformance, account-manager; api-token (fleet)'),
    status,
    detail: z.string(),
    evidence: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  })
  .meta({ id: 'CheckItem' });
export type CheckItemDto = z.infer<typeof checkItemSchema>;

export const drillEvidenceSchema = z
  .object({
    operationId: z.string(),
    finishedAt: isoDate,
    snapshotId: z.string().nullable(),
    snapshotAt: isoDate.nullable(),
    restoreSeconds: z.number().nullable().describe('From the restore call until the instance was available'),
    engineCheck: z.string().nullable(),
  })
  .meta({ id: 'DrillEvidence' });

export const chainChecksResponseSchema = z
  .object({
    chain: z.string(),
    latest: z
      .object({ runId: z.string(), at: isoDate, trigger: z.string(), status, items: z.array(checkItemSchema) })
      .nullable()
      .describe('Null: the check has not run on this chain yet'),
    lastDrill: drillEvidenceSchema.nullable().describe("The last successful restore drill of the chain's instance"),
  })
  .meta({ id: 'ChainChecksResponse' });
export type ChainChecksDto = z.infer<typeof chainChecksResponseSchema>;

export const runChecksInputSchema = z.strictObject({
  chains: z.array(chainSlugSchema).min(1).max(1000).optional().describe('The chains to check (default: every chain)'),
});

export const checkRunResponseSchema = z
  .object({
    run: z.object({
      id: z.string(),
      trigger: z.string(),
      startedAt: isoDate,
      finishedAt: isoDate,
      counts: z.object({ ok: z.number(), warn: z.number(), fail: z.number() }),
      chains: z.array(z.object({ slug: z.string(), status, items: z.array(checkItemSchema) })),
      fleetItems: z.array(checkItemSchema),
      drillsQueued: z.number(),
    }),
  })
  .meta({ id: 'CheckRunResponse' });
