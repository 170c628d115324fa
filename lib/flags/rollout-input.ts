// What a rollout request sends (POST /api/v1/flags/{key}/rollouts): one value for the chains a match selects,
// now or at a time, in batches after a canary. The match must select something: an empty one is not "all".
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { jsonValueSchema } from './flag-input';

export const rolloutMatchSchema = z
  .strictObject({
    tier: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'tier is a tier key such as standard')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region is an AWS region such as eu-west-1')
      .optional(),
    residency: z
      .string()
      .regex(/^([A-Z]{2,8}|none)$/, 'residency is a chain residency such as EU, or none')
      .optional(),
    chains: z.array(chainSlugSchema).min(1).max(5_000).optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), {
    message: 'match names a tier, a region, a residency or chains (an empty match is not the whole fleet)',
  });
export type RolloutMatch = z.infer<typeof rolloutMatchSchema>;

export const rolloutInputSchema = z.strictObject({
  value: jsonValueSchema('value is the value the matched chains get'),
  match: rolloutMatchSchema,
  at: z.iso.datetime({ offset: true, error: 'at is an ISO 8601 time, e.g. 2027-01-05T02:00:00Z' }).optional(),
  batchSize: z.number().int().min(1).max(100).default(5),
});
export type RolloutInput = z.infer<typeof rolloutInputSchema>;
