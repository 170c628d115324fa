// Alerts and channels for the delivery tests: an alert row on a demo chain (as the alert rules would make
// one), a channel created through the product's createChannel, and the queue drained.
import { randomUUID } from 'node:crypto';
import { createChannel } from '@/lib/server/alerts/create-channel';
import type { QueueableAlert } from '@/lib/server/alerts/queue-notifications';
import { db } from '@/lib/server/db/client';

export async function adminActor() {
  return db.user.findFirstOrThrow({ where: { role: 'admin', active: true }, select: { id: true, email: true } });
}

export async function firingAlert(
  slug: string,
  options: { severity?: 'page' | 'ticket'; summary?: string; detail?: Record<string, string> } = {},
): Promise<QueueableAlert> {
  const chain = await db.chain.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const fingerprint = randomUUID().replace(/-/g, '').slice(0, 16);
  const row = await db.alert.create({
    data: {
      fingerprint,
      openKey: fingerprint,
      chainId: chain.id,
      rule: 'slo-burn-page',
      severity: options.severity ?? 'page',
      status: 'firing',
      summary: options.summary ?? 'SLO burn rate 1 h/5 min above 14.4×',
      detail: options.detail ?? { 'Burn rate (1 h)': '16.2×', 'Burn rate (5 min)': '18.0×' },
      firedAt: new Date(),
    },
  });
  return {
    id: row.id,
    fingerprint,
    chainId: chain.id,
    rule: row.rule,
    severity: row.severity,
    status: row.status,
    summary: row.summary,
    detail: row.detail as Record<string, string>,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  };
}

export async function channel(body: Record<string, unknown>) {
  return createChannel({ name: `channel-${randomUUID().slice(0, 8)}`, ...body }, await adminActor());
}

export async function clearChannels() {
  await db.notification.deleteMany({});
  await db.alertChannel.deleteMany({});
}

export const notificationsOf = (channelId: string) =>
  db.notification.findMany({ where: { channelId }, orderBy: { createdAt: 'asc' } });
