import 'server-only';
import { db } from '@/lib/server/db/client';

/** A field's before → after; a money field's values are left out for a viewer who may not see money. */
export type AuditChange = { field: string; before: string; after: string } | { field: string; moneyHidden: true };
export type AuditEntry = { at: string; actor: string | null; action: string; result: string; changes: AuditChange[] };

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

// The contract fields an edit audits that are money (update-contract.ts `auditable`); upgrades carry prices.
const moneyFields = new Set(['monthlyPrice', 'marginTargetPct', 'upgrades']);

/** What an audited edit changed, field by field, from the before/after it recorded. */
function diffDetail(detail: unknown, showMoney: boolean): AuditChange[] {
  if (!detail || typeof detail !== 'object') return [];
  const { before, after } = detail as {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  };
  if (!after) return [];
  return Object.keys(after)
    .filter((k) => k !== 'version' && show(before?.[k]) !== show(after[k]))
    .map((field) =>
      !showMoney && moneyFields.has(field)
        ? { field, moneyHidden: true as const }
        : { field, before: show(before?.[field]), after: show(after[field]) },
    );
}

/** The newest audit events of one chain, for its pages; money in them only when `showMoney` (canSeeMoney). */
export async function findChainAudit(chainId: string, showMoney: boolean, limit = 20): Promise<AuditEntry[]> {
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
    changes: diffDetail(r.detail, showMoney),
  }));
}
