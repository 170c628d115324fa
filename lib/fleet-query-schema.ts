// One schema for the fleet page's URL and the read API's query string, so a link and an API call mean the
// same thing.
import { z } from 'zod';
import { healthValues, sortValues } from './fleet-query';

const optionalText = (max: number, pattern?: RegExp, message?: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    (pattern ? z.string().trim().max(max).regex(pattern, message) : z.string().trim().max(max)).optional(),
  );

export function fleetQuerySchema(defaultSize: number) {
  return z.object({
    q: optionalText(100),
    tier: optionalText(40, /^[a-z0-9-]+$/, 'tier is a tier key such as "enterprise"'),
    region: optionalText(30, /^[a-z]{2}(-[a-z]+)+-\d$/, 'region is an AWS region such as "eu-west-1"'),
    health: z.preprocess((v) => (v === '' ? undefined : v), z.enum(healthValues).optional()),
    db: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['dedicated', 'shared']).optional()),
    attention: z.preprocess((v) => (v === '' || v === '0' ? undefined : v), z.literal('1').optional()),
    sort: z.preprocess((v) => (v === '' ? undefined : v), z.enum(sortValues).default('name')),
    dir: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['asc', 'desc']).default('asc')),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    size: z.coerce.number().int().min(1).max(5_000).default(defaultSize),
  });
}

export type FleetQuery = z.infer<ReturnType<typeof fleetQuerySchema>>;
