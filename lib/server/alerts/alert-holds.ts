import 'server-only';
import { openWindowAt } from '@/lib/alerts/maintenance-window';
import { db } from '@/lib/server/db/client';

// What holds an alert's notifications now: a silence matching its chain and/or rule, or an open maintenance
// window of its chain. Read once per evaluation; matched in memory.

export type Holds = (alert: { chainId: string; rule: string }) => string | null;

export async function readHolds(now: Date): Promise<Holds> {
  const [silences, windows] = await Promise.all([
    db.silence.findMany({
      where: { startsAt: { lte: now }, endsAt: { gt: now }, expiredAt: null },
      select: { id: true, chainId: true, rule: true, endsAt: true, reason: true },
      orderBy: { endsAt: 'desc' },
    }),
    db.maintenanceWindow.findMany({
      select: { id: true, chainId: true, cron: true, durationMinutes: true, reason: true },
    }),
  ]);
  const open = windows.flatMap((w) => {
    const at = openWindowAt(w, now);
    return at ? [{ ...w, until: at.until }] : [];
  });
  return (alert) => {
    const s = silences.find((x) => (!x.chainId || x.chainId === alert.chainId) && (!x.rule || x.rule === alert.rule));
    if (s) return `silence until ${s.endsAt.toISOString()}: ${s.reason}`;
    const w = open.find((x) => x.chainId === alert.chainId);
    return w ? `maintenance window until ${w.until.toISOString()}: ${w.reason}` : null;
  };
}
