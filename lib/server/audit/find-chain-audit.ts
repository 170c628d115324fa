import 'server-only';
import { db } from '@/lib/server/db/client';

export type AuditChange = { field: string; before: string; after: string };
export type AuditEntry = { at: string; actor: string | null; action: string; result: string; changes: AuditChange[] };

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** What an audited edit changed, field by field, from the before/after it recorded. */
function diffDetail(detail: unknown): AuditChange[] {
  if (!detail || typeof detail !== 'object') return [];
  const { before, after } = detail as {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  };
  if (!after) return [];
  return Object.keys(after)
    .filter((k) => k !== 'version' && show(before?.[k]) !== show(after[k]))
    .map((field) => ({ field, before: show(before?.[field]), after: show(after[field]) }));
}

/** The newest audit events of one chain, for its pages. */
export async function findChainAudit(chainId: string, limit = 20): Promise<AuditEntry[]> {
  const rows = await db.auditEvent.findMany({
    where: { chainId },
    orderBy: { at: 'desc' },
    take: limit,
    select: { at: true, actorEmail: true, action: true, result: true, detail: true },
  });
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actorEmail,
    action: r.action,
    result: r.result,
    changes: diffDetail(r.detail),
  }));
}
