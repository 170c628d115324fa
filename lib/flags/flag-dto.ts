// What the flag API hands out, to the API and pages alike: plain data, never the Prisma row. Types are
// inferred from the schemas the OpenAPI document is built from.
import { z } from 'zod';
import { flagTypes } from './flag-input';

const isoDate = z.string().describe('ISO 8601 date-time, UTC');
/** Any JSON value (what the flag's type and schema allow). */
const jsonValue = z.unknown();

export const flagSchema = z
  .object({
    key: z.string(),
    description: z.string(),
    type: z.enum(flagTypes),
    defaultValue: jsonValue.describe('The value of every chain without its own'),
    jsonSchema: jsonValue.describe('JSON flags: the JSON Schema every value is validated against'),
    owner: z.string(),
    residency: z.string().nullable().describe('e.g. EU: only chains of that residency may have it on'),
    sensitive: z.boolean().describe("A change of a chain's value waits for a second person's approval"),
    archivedAt: isoDate.nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Flag' });
export type FlagDto = z.infer<typeof flagSchema>;

export const flagResponseSchema = z.object({ flag: flagSchema }).meta({ id: 'FlagResponse' });
export const flagsResponseSchema = z.object({ flags: z.array(flagSchema) }).meta({ id: 'FlagsResponse' });

export const flagDrifts = ['in_sync', 'modified', 'missing', 'unknown'] as const;

export const chainFlagSchema = z
  .object({
    key: z.string(),
    type: z.enum(flagTypes),
    sensitive: z.boolean(),
    value: jsonValue.describe("The effective value: the chain's override, else the default"),
    source: z.enum(['override', 'default']),
    setBy: z.string().nullable().describe('Who set the override (email)'),
    setAt: isoDate.nullable(),
    live: jsonValue.describe('The value in the chain’s parameter when last read; null when missing or never read'),
    drift: z
      .enum(flagDrifts)
      .nullable()
      .describe('modified: changed outside Fleetpane; unknown: the last read failed; null: not read yet'),
    checkedAt: isoDate.nullable().describe('When the parameter was last read (or its read last failed)'),
    checkError: z.string().nullable(),
    modifiedBy: z.string().nullable().describe('Drift modified: who changed the parameter, from its history'),
    modifiedAt: isoDate.nullable(),
    liveVersion: z.number().int().nullable(),
    pending: z
      .object({ operationId: z.uuid(), status: z.string(), awaitingApproval: z.boolean() })
      .nullable()
      .describe("The chain's flag delivery queued or running, if any"),
  })
  .meta({ id: 'ChainFlag' });
export type ChainFlagDto = z.infer<typeof chainFlagSchema>;

export const chainFlagResponseSchema = z.object({ flag: chainFlagSchema }).meta({ id: 'ChainFlagResponse' });

export const chainFlagsResponseSchema = z
  .object({ chain: z.string(), flags: z.array(chainFlagSchema) })
  .meta({ id: 'ChainFlagsResponse' });
export type ChainFlagsResult = z.infer<typeof chainFlagsResponseSchema>;
