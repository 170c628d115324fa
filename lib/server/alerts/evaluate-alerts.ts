import 'server-only';
import { createHash } from 'node:crypto';
import { config } from '@/lib/config';
import type { Prisma } from '@/lib/generated/prisma/client';
import { announceChange } from '@/lib/server/db/change-signal';
import { db } from '@/lib/server/db/client';
import { readHolds } from './alert-holds';
import { readSignals, severityOf } from './alert-signals';
import type { Signal } from './alert-signals';
import { queueAlertNotifications, wakeDeliveries } from './queue-notifications';
import type { QueueableAlert as AlertForNotification } from './queue-notifications';

// The alert lifecycle, after every collector pass and every 15 s (the group wait and reminders are times):
//   seen → pending; still there after the group wait → firing, told once (unless a silence or maintenance
//   window holds it: then told when the hold ends, if it is still firing); told again every reminder
//   interval while firing and unacknowledged; gone → resolved, told when its firing was told. A pending
//   alert whose problem is gone before the group wait is forgotten: a flap tells nobody.
// Each change is one transaction with the notifications it queues, so a notification is queued exactly
// when its change is recorded. One evaluation runs at a time (the scheduler's job); openKey keeps one open
// alert per problem even so.

export type EvaluateResult = {
  signals: number;
  opened: number;
  fired: number;
  resolved: number;
  reminded: number;
  queued: number;
};

const openStatuses = ['pending', 'firing'] as const;

export const fingerprintOf = (chainId: string, rule: string): string =>
  createHash('sha256').update(`${chainId}:${rule}`).digest('hex').slice(0, 16);

type OpenAlert = Prisma.AlertGetPayload<{ select: typeof openSelect }>;
const openSelect = {
  id: true,
  fingerprint: true,
  chainId: true,
  rule: true,
  severity: true,
  status: true,
  summary: true,
  detail: true,
  startsAt: true,
  notifiedAt: true,
  reminders: true,
  heldBy: true,
  acknowledgedAt: true,
} satisfies Prisma.AlertSelect;

const detailOf = (a: OpenAlert) => a.detail as Record<string, string>;

function forNotification(
  a: OpenAlert,
  changes: { status?: 'firing' | 'resolved'; endsAt?: Date; summary?: string; detail?: Record<string, string> },
): AlertForNotification {
  return {
    id: a.id,
    fingerprint: a.fingerprint,
    chainId: a.chainId,
    rule: a.rule,
    severity: a.severity,
    status: changes.status ?? a.status,
    summary: changes.summary ?? a.summary,
    detail: changes.detail ?? detailOf(a),
    startsAt: a.startsAt,
    endsAt: changes.endsAt ?? null,
  };
}

export async function evaluateAlerts(now = new Date()): Promise<EvaluateResult> {
  const { groupWaitSeconds, reminderMinutes } = config().alerts;
  const [{ signals, chainIds }, holds, open] = await Promise.all([
    readSignals(now),
    readHolds(now),
    db.alert.findMany({ where: { status: { in: [...openStatuses] } }, select: openSelect }),
  ]);
  const result: EvaluateResult = { signals: signals.length, opened: 0, fired: 0, resolved: 0, reminded: 0, queued: 0 };
  const openByKey = new Map(open.map((a) => [a.fingerprint, a]));
  const seen: string[] = [];

  async function advance(a: OpenAlert, s: Signal): Promise<void> {
    const held = holds(a);
    const data: Prisma.AlertUpdateManyMutationInput = {};
    const summaryChanged = a.summary !== s.summary || JSON.stringify(detailOf(a)) !== JSON.stringify(s.detail);
    if (summaryChanged) Object.assign(data, { summary: s.summary, detail: s.detail });
    const fires = a.status === 'pending' && now.getTime() - a.startsAt.getTime() >= groupWaitSeconds * 1000;
    if (fires) Object.assign(data, { status: 'firing', firedAt: now });
    if (held !== a.heldBy) data.heldBy = held;
    let kind: 'firing' | 'reminder' | null = null;
    if ((fires || a.status === 'firing') && !held) {
      if (!a.notifiedAt) kind = 'firing';
      else if (!a.acknowledgedAt && now.getTime() - a.notifiedAt.getTime() >= reminderMinutes * 60_000)
        kind = 'reminder';
    }
    if (kind) Object.assign(data, { notifiedAt: now, ...(kind === 'reminder' ? { reminders: a.reminders + 1 } : {}) });
    if (Object.keys(data).length === 0) {
      seen.push(a.id);
      return;
    }
    await db.$transaction(async (tx) => {
      // Only from the state read: an acknowledgement or another evaluation in between wins, and this waits.
      const updated = await tx.alert.updateMany({
        where: { id: a.id, status: a.status, notifiedAt: a.notifiedAt, acknowledgedAt: a.acknowledgedAt },
        data: { ...data, lastSeenAt: now },
      });
      if (updated.count === 0 || !kind) return;
      const n = forNotification(a, { status: 'firing', summary: s.summary, detail: s.detail });
      result.queued += await queueAlertNotifications(tx, n, kind, kind === 'reminder' ? a.reminders + 1 : undefined);
    });
    if (fires) result.fired += 1;
    if (kind === 'reminder') result.reminded += 1;
  }

  for (const s of signals) {
    const fingerprint = fingerprintOf(s.chainId, s.rule);
    let a = openByKey.get(fingerprint);
    openByKey.delete(fingerprint);
    if (!a) {
      const created = await db.alert.createManyAndReturn({
        data: [
          {
            fingerprint,
            openKey: fingerprint,
            chainId: s.chainId,
            rule: s.rule,
            severity: severityOf(s.rule),
            summary: s.summary,
            detail: s.detail,
            startsAt: now,
            lastSeenAt: now,
          },
        ],
        skipDuplicates: true,
        select: openSelect,
      });
      if (!created[0]) continue; // opened by another evaluation meanwhile: it goes on from there
      a = created[0];
      result.opened += 1;
    }
    await advance(a, s);
  }
  if (seen.length) await db.alert.updateMany({ where: { id: { in: seen } }, data: { lastSeenAt: now } });

  // Open alerts without a signal: their problem is over.
  const live = new Set(chainIds);
  for (const a of openByKey.values()) {
    if (!live.has(a.chainId)) {
      // The chain was decommissioned: its problems ended with it, which is no recovery to announce.
      await db.alert.updateMany({
        where: { id: a.id, status: a.status },
        data: {
          status: 'resolved',
          endsAt: now,
          openKey: null,
          heldBy: null,
          summary: `${a.summary} (chain decommissioned)`,
        },
      });
      continue;
    }
    if (a.status === 'pending') {
      await db.alert.deleteMany({ where: { id: a.id, status: 'pending' } });
      continue;
    }
    await db.$transaction(async (tx) => {
      const ended = await tx.alert.updateMany({
        where: { id: a.id, status: 'firing' },
        data: { status: 'resolved', endsAt: now, openKey: null, heldBy: null },
      });
      if (ended.count === 0) return;
      result.resolved += 1;
      if (a.notifiedAt)
        result.queued += await queueAlertNotifications(
          tx,
          forNotification(a, { status: 'resolved', endsAt: now }),
          'resolved',
        );
    });
  }
  if (result.queued) await wakeDeliveries();
  // The fleet's badges count firing alerts: its shared views are dropped when one fires or resolves.
  if (result.fired || result.resolved) await announceChange('fleet');
  return result;
}
