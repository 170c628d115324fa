import 'server-only';
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { db } from '@/lib/server/db/client';

// The audit trail as the API reads it: newest first, filtered. Admins only (audit:read).

export const auditQuerySchema = z.strictObject({
  action: z.string().min(1).max(100).optional(),
  actor: z.string().min(1).max(254).optional(),
  chain: chainSlugSchema.optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  since: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string().nullable(),
    action: z.string(),
    chain: z.string().nullable(),
    target: z.string().nullable(),
    result: z.string(),
    ip: z.string().nullable(),
    detail: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export async function findAuditEvents(query: AuditQuery): Promise<AuditEventDto[]> {
  const rows = await db.auditEvent.findMany({
    where: {
      // An action filter ending in ":" or "." matches the family ("authz.denied:" matches every denial).
      ...(query.action
        ? /[:.]$/.test(query.action)
          ? { action: { startsWith: query.action } }
          : { action: query.action }
        : {}),
      ...(query.actor ? { actorEmail: query.actor.toLowerCase() } : {}),
      ...(query.chain ? { chain: { slug: query.chain } } : {}),
      ...(query.result ? { result: query.result } : {}),
      ...(query.since ? { at: { gte: new Date(query.since) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: query.limit,
    include: { chain: { select: { slug: true } } },
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actorEmail,
    action: r.action,
    chain: r.chain?.slug ?? null,
    target: r.target,
    result: r.result,
    ip: r.ip,
    detail: r.detail,
  }));
}
