// The fleet view's filters, sort and page: one schema for the page's URL and the read API's query string,
// so a link and an API call mean the same thing. Pure, so client components can build URLs with it.
import { z } from 'zod';

export const healthValues = ['healthy', 'degraded', 'down', 'unknown'] as const;
export const sortValues = ['name', 'tier', 'region', 'health', 'refreshed', 'backup'] as const;

const optionalText = (max: number, pattern?: RegExp, message?: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), (pattern ? z.string().trim().max(max).regex(pattern, message) : z.string().trim().max(max)).optional());

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

export const PAGE_SIZE = 50;
export const API_PAGE_SIZE = 1_000;

/** The query string for a view, leaving out defaults so shared links stay short. */
export function fleetQueryString(query: Partial<FleetQuery>, defaultSize = PAGE_SIZE): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if ((key === 'sort' && value === 'name') || (key === 'dir' && value === 'asc') || (key === 'page' && value === 1)) continue;
    if (key === 'size' && value === defaultSize) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads URL search params (as Next hands them to a page) into a plain record for the schema. */
export function searchParamsRecord(params: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> {
  if (params instanceof URLSearchParams) return Object.fromEntries(params.entries());
  return Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : Array.isArray(v) && v[0] ? [[k, v[0]]] : [])));
}
