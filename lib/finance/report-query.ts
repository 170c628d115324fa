// The finance report's range and format, from the page's address or the API's query string.
import { chainSlugSchema } from '@/lib/chain-slug';
import { z } from 'zod';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2026-01');
const MAX_REPORT_MONTHS = 36;

const monthStart = (key: string) => new Date(`${key}-01T00:00:00Z`);
const monthsBetween = (from: string, to: string) => {
  const a = monthStart(from);
  const b = monthStart(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
};

function defaultRange(now: Date): { from: string; to: string } {
  const to = now.toISOString().slice(0, 7);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 7);
  return { from, to };
}

export function reportQuerySchema(now: Date) {
  const range = defaultRange(now);
  return z
    .object({
      from: month.default(range.from),
      to: month.default(range.to),
      format: z.enum(['csv', 'xlsx', 'json']).default('json'),
      chain: chainSlugSchema.optional(),
    })
    .refine((q) => q.from <= q.to, { path: ['from'], message: 'from is not after to' })
    .refine((q) => q.to <= range.to, { path: ['to'], message: `to is at most this month (${range.to})` })
    .refine((q) => monthsBetween(q.from, q.to) <= MAX_REPORT_MONTHS, {
      path: ['from'],
      message: `at most ${MAX_REPORT_MONTHS} months`,
    });
}

export { monthStart };
