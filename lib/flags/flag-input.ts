// What an admin sends to define or change a flag, and what ops send to set one chain's value: one schema each,
// with messages a person can act on. Unknown fields are refused, so a typo is not silently ignored. Whether a
// value fits its flag (type, JSON Schema, residency) is flag-value.ts: that needs the flag.
import { z } from 'zod';

export const flagTypes = ['boolean', 'string', 'number', 'json'] as const;
export type FlagType = (typeof flagTypes)[number];

/** Also the last segment of the chain's parameter name (/fleetpane/<slug>/flags/<key>) and the flagd key. */
export const flagKeySchema = z
  .string({ error: 'key is the flag’s name' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a flag key is lowercase letters, digits and dashes, at most 63');

const description = z
  .string({ error: 'description says what the flag changes' })
  .trim()
  .min(1, 'description says what the flag changes')
  .max(500, 'description is at most 500 characters');

const owner = z
  .string({ error: 'owner is the team or person who answers for the flag' })
  .trim()
  .min(1, 'owner is the team or person who answers for the flag')
  .max(100, 'owner is at most 100 characters');

// A chain residency as chains record it ("EU"); null: any chain.
const residency = z
  .string()
  .regex(/^[A-Z]{2,8}$/, 'residency is a chain residency such as EU, or null for any chain')
  .nullable();

/**
 * Any JSON value, required (a body is parsed JSON, so whatever is present is one). Not z.json(): its recursive
 * definition does not survive into the OpenAPI document.
 */
export const jsonValueSchema = (error: string) =>
  z
    .unknown()
    .refine((v) => v !== undefined, { error })
    // A JSON null is not a value a parameter can hold apart from "none" (and the database stores it as SQL null).
    .refine((v) => v !== null, { error: 'null is not a flag value: use false, 0, "", [] or {} for off' });

const defaultValue = jsonValueSchema('defaultValue is the value of every chain without its own');

const jsonSchema = z.union([z.record(z.string(), z.unknown()), z.boolean()], {
  error: 'jsonSchema is a JSON Schema (an object)',
});

export const defineFlagInputSchema = z.strictObject({
  key: flagKeySchema,
  description,
  type: z.enum(flagTypes, { error: `type is one of ${flagTypes.join(', ')}` }),
  defaultValue,
  jsonSchema: jsonSchema.nullable().default(null),
  owner,
  residency: residency.default(null),
  sensitive: z.boolean({ error: 'sensitive is true or false' }).default(false),
});
export type DefineFlagInput = z.infer<typeof defineFlagInputSchema>;

export const updateFlagInputSchema = z
  .strictObject({
    // Values already set were checked against the type: changing it would make them wrong.
    type: z.never({ error: 'type cannot change: define a new flag' }).optional(),
    key: z.never({ error: 'key cannot change: define a new flag' }).optional(),
    description: description.optional(),
    defaultValue: defaultValue.optional(),
    jsonSchema: jsonSchema.nullable().optional(),
    owner: owner.optional(),
    residency: residency.optional(),
    sensitive: z.boolean({ error: 'sensitive is true or false' }).optional(),
    archived: z.boolean({ error: 'archived is true or false' }).optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: 'Send at least one of description, defaultValue, jsonSchema, owner, residency, sensitive, archived',
  });
export type UpdateFlagInput = z.infer<typeof updateFlagInputSchema>;

/** PUT /api/v1/chains/{slug}/flags/{key}. */
export const setFlagValueInputSchema = z.strictObject({
  value: jsonValueSchema('value is the chain’s new value of the flag'),
});
