import 'server-only';
import { ruleLabel } from '@/lib/alerts/alert-rules';
import type { AlertDto } from '@/lib/alerts/alert-dto';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';

// Reading alerts into their DTO: one select, the deliveries counted in one query.

export const alertSelect = {
  id: true,
  fingerprint: true,
  rule: true,
  severity: true,
  status: true,
  summary: true,
  detail: true,
  startsAt: true,
  firedAt: true,
  endsAt: true,
  notifiedAt: true,
  reminders: true,
  heldBy: true,
  acknowledgedAt: true,
  chain: { select: { slug: true, name: true } },
  acknowledgedBy: { select: { email: true } },
} satisfies Prisma.AlertSelect;

type AlertRow = Prisma.AlertGetPayload<{ select: typeof alertSelect }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function toAlertDtos(rows: AlertRow[]): Promise<AlertDto[]> {
  const counts = rows.length
    ? await db.notification.groupBy({
        by: ['alertId', 'status'],
        where: { alertId: { in: rows.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  const deliveries = new Map<string, Record<string, number>>();
  for (const c of counts) {
    const d = deliveries.get(c.alertId!) ?? {};
    d[c.status] = c._count._all;
    deliveries.set(c.alertId!, d);
  }
  return rows.map((r) => ({
    id: r.id,
    fingerprint: r.fingerprint,
    chain: r.chain,
    rule: r.rule,
    ruleLabel: ruleLabel(r.rule),
    severity: r.severity,
    status: r.status,
    summary: r.summary,
    detail: r.detail as Record<string, string>,
    startsAt: r.startsAt.toISOString(),
    firedAt: iso(r.firedAt),
    endsAt: iso(r.endsAt),
    notifiedAt: iso(r.notifiedAt),
    reminders: r.reminders,
    heldBy: r.heldBy,
    acknowledgedAt: iso(r.acknowledgedAt),
    acknowledgedBy: r.acknowledgedBy?.email ?? null,
    deliveries: deliveries.get(r.id) ?? {},
  }));
}

export type AlertBadge = { firing: number; severity: 'page' | 'ticket' };

/** Firing alerts per chain (pending ones are not told yet: no badge), the most urgent severity. */
export async function findAlertBadges(chainIds: string[]): Promise<Map<string, AlertBadge>> {
  if (chainIds.length === 0) return new Map();
  const rows = await db.alert.groupBy({
    by: ['chainId', 'severity'],
    where: { status: 'firing', chainId: { in: chainIds } },
    _count: { _all: true },
  });
  const out = new Map<string, AlertBadge>();
  for (const r of rows) {
    const b = out.get(r.chainId) ?? { firing: 0, severity: 'ticket' as const };
    out.set(r.chainId, {
      firing: b.firing + r._count._all,
      severity: b.severity === 'page' || r.severity === 'page' ? 'page' : 'ticket',
    });
  }
  return out;
}
