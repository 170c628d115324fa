import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { wholeNumber } from '@/lib/whole-number';
import { alertRuleKeys } from './alert-rules';
import { cronProblem } from './maintenance-window';

// What callers send about alerts: the list's filters, a silence, a maintenance window. Shared by the API,
// the forms and the tests, so a bad value is refused the same way everywhere.

const MAX_SILENCE_DAYS = 30;
const rule = z.enum(alertRuleKeys as [string, ...string[]], { error: `rule is one of ${alertRuleKeys.join(', ')}` });
const reason = z.string().trim().min(3, 'reason: say why, in a few words').max(500);
const time = (name: string) =>
  z.iso.datetime({ offset: true, error: `${name} is an ISO 8601 time, e.g. 2027-01-05T02:00:00Z` });

export const alertQuerySchema = z.strictObject({
  state: z
    .enum(['open', 'pending', 'firing', 'resolved'], { error: 'state is open, pending, firing or resolved' })
    .optional(),
  chain: chainSlugSchema.optional(),
  severity: z.enum(['page', 'ticket'], { error: 'severity is page or ticket' }).optional(),
  rule: rule.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The last alert of the previous page (its id): pages are in the list's order. */
  before: z.uuid({ error: 'before is an alert id' }).optional(),
});
export type AlertQuery = z.infer<typeof alertQuerySchema>;

export const silenceInputSchema = z
  .strictObject({
    chain: chainSlugSchema.optional(),
    rule: rule.optional(),
    startsAt: time('startsAt').optional(),
    endsAt: time('endsAt'),
    reason,
  })
  .superRefine((s, ctx) => {
    if (!s.chain && !s.rule)
      ctx.addIssue({
        code: 'custom',
        path: ['chain'],
        message: 'name a chain, a rule or both: a silence of everything is refused',
      });
    const starts = s.startsAt ? Date.parse(s.startsAt) : Date.now();
    const ends = Date.parse(s.endsAt);
    if (ends <= Math.max(starts, Date.now()))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt is after startsAt and in the future' });
    if (ends - starts > MAX_SILENCE_DAYS * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `a silence lasts at most ${MAX_SILENCE_DAYS} days` });
  });
export type SilenceInput = z.infer<typeof silenceInputSchema>;

export const maintenanceWindowInputSchema = z.strictObject({
  chain: chainSlugSchema,
  cron: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (v.split(/\s+/).length !== 5) {
        ctx.addIssue({
          code: 'custom',
          message: 'cron has 5 fields (minute hour day month weekday, UTC), e.g. "0 2 * * SUN"',
        });
        return;
      }
      const problem = cronProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `cron "${v}" is invalid: ${problem}` });
    }),
  durationMinutes: wholeNumber('durationMinutes is a whole number of minutes').pipe(
    z.number().min(5, 'durationMinutes is at least 5').max(1_440, 'durationMinutes is at most 1440 (a day)'),
  ),
  reason,
});
export type MaintenanceWindowInput = z.infer<typeof maintenanceWindowInputSchema>;
