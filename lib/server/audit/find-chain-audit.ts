import 'server-only';
import { db } from '@/lib/server/db/client';
import { contractMoneyFields } from './audit-money';

/** A field's before → after; a money field's values are left out for a viewer who may not see money. */
export type AuditChange = { field: string; before: string; after: string } | { field: string; moneyHidden: true };
export type AuditEntry = { at: string; actor: string | null; action: string; result: string; changes: AuditChange[] };

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** What an audited edit changed, field by field, from the before/after it recorded. */
export function diffChange(before: unknown, after: unknown, showMoney: boolean): AuditChange[] {
  if (!after || typeof after !== 'object') return [];
  const was = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return Object.keys(now)
    .filter((k) => k !== 'version' && show(was[k]) !== show(now[k]))
    .map((field) =>
      !showMoney && contractMoneyFields.has(field)
        ? { field, moneyHidden: true as const }
        : { field, before: show(was[field]), after: show(now[field]) },
    );
}

/** The newest audit events of one chain, for its pages; money in them only when `showMoney` (canSeeMoney). */
export async function findChainAudit(chainId: string, showMoney: boolean, limit = 20): Promise<AuditEntry[]> {
  const rows = await db.auditEvent.findMany({
    where: { chainId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { at: true, actorEmail: true, action: true, result: true, before: true, after: true },
  });
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actorEmail,
    action: r.action,
    result: r.result,
    changes: diffChange(r.before, r.after, showMoney),
  }));
}
