import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';

// The audit trail's filters, as the /audit page's form and GET /api/v1/audit send them (query strings).

/** A page's position: the (at, id) of its last event, opaque to callers. */
export type AuditCursor = { at: string; id: string };

export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

const cursorSchema = z
  .string()
  .max(100)
  .transform((value, ctx): AuditCursor => {
    const [at, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
    if (extra !== undefined || !at || !id || !/^\d{1,19}$/.test(id) || !z.iso.datetime().safeParse(at).success) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave out' });
      return z.NEVER;
    }
    return { at, id };
  });

// An empty field of a GET form means "any".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const datetime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const auditQuerySchema = z
  .strictObject({
    chain: optional(chainSlugSchema),
    /** The actor's email (exact, any case). */
    actor: optional(z.string().min(1).max(254)),
    /** A prefix of the dotted action: "operation." is every operation event, "contract.update" that one. */
    action: optional(
      z
        .string()
        .max(100)
        .regex(/^[a-z0-9.:_-]+$/i, 'letters, digits and . : _ -'),
    ),
    result: optional(z.enum(['ok', 'denied', 'failed'])),
    /** The events of one request (its X-Request-Id). */
    requestId: optional(z.uuid()),
    /** From (inclusive) and to (exclusive): an ISO time, or a date (midnight UTC). */
    from: optional(datetime),
    to: optional(datetime),
    /** Kept for callers of the first version of this route: the same as `from`. */
    since: optional(datetime),
    /** Words searched in the target, the action, the actor and the before, after and detail. */
    q: optional(z.string().trim().min(1).max(200)),
    cursor: optional(cursorSchema),
    limit: optional(z.coerce.number().int().min(1).max(500)),
    format: optional(z.enum(['json', 'csv'])),
  })
  .refine((q) => !(q.from && q.since), { message: 'give from or since, not both', path: ['since'] });

export type AuditQueryInput = z.input<typeof auditQuerySchema>;
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** A date means its midnight, UTC. */
export const instant = (value: string): string => (value.length === 10 ? `${value}T00:00:00.000Z` : value);
