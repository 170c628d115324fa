import 'server-only';
import { config } from '@/lib/config';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { AlertSeverity, AlertStatus } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/server/db/client';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';
import { renderEmail, renderWebhookBody } from './render-notification';
import type { NotificationKindName, RenderInput } from './render-notification';
import { alertChainRef, routeAlert } from './route-alert';
import type { RoutedChannel } from './route-alert';

// The one way a notification enters the delivery queue: in the caller's transaction (the one that decides
// the alert fired, resolved or reminds), rendered now, once per channel and kind (the dedupe key is unique,
// so queueing twice queues once). Nothing is sent here: after the commit the caller calls wakeDeliveries()
// and the `alert-deliveries` job sends. No authorization here: the worker's alert rules queue too.

export const DELIVERY_JOB = 'alert-deliveries';

export type QueueableAlert = {
  id: string;
  fingerprint: string;
  chainId: string;
  rule: string;
  severity: AlertSeverity;
  status: AlertStatus;
  summary: string;
  detail: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
};

/** The row of one channel's notification, with the payload rendered for its transport. */
export function notificationRow(
  channel: RoutedChannel,
  input: RenderInput,
  ids: { dedupeKey: string; alertId?: string },
): Prisma.NotificationCreateManyInput {
  const base = { dedupeKey: ids.dedupeKey, kind: input.kind, channelId: channel.id, alertId: ids.alertId };
  if (channel.kind === 'webhook') {
    const body = renderWebhookBody(input);
    return { ...base, transport: 'webhook', target: channel.url, subject: body.text, body };
  }
  const { subject, text, html } = renderEmail(input);
  return { ...base, transport: 'email', target: channel.to.join(','), subject, body: { text, html } };
}

export const alertUrl = (slug: string) => `${config().appOrigin}/alerts?chain=${encodeURIComponent(slug)}`;

/**
 * Queues the alert's notification of this kind to every channel it routes to (`seq`: the reminder's number).
 * Returns how many were queued now (0 when each was queued before).
 */
export async function queueAlertNotifications(
  tx: Prisma.TransactionClient,
  alert: QueueableAlert,
  kind: Exclude<NotificationKindName, 'test'>,
  seq?: number,
): Promise<number> {
  const chain = await alertChainRef(alert.chainId, tx);
  const channels = await routeAlert(chain, alert.severity, tx);
  if (!channels.length) return 0;
  const input: RenderInput = { kind, alert, chain, url: alertUrl(chain.slug) };
  const suffix = seq !== undefined ? `:${seq}` : '';
  const { count } = await tx.notification.createMany({
    data: channels.map((c) =>
      notificationRow(c, input, { dedupeKey: `${alert.id}:${c.id}:${kind}${suffix}`, alertId: alert.id }),
    ),
    skipDuplicates: true,
  });
  return count;
}

export type QueuedEmail = {
  dedupeKey: string;
  kind: 'summary';
  to: string[];
  subject: string;
  text: string;
  html: string;
  channelId?: string;
};

/** Queues one e-mail (the nightly check's summary); false when its dedupe key was queued before. */
export async function queueEmail(tx: Prisma.TransactionClient, email: QueuedEmail): Promise<boolean> {
  const { count } = await tx.notification.createMany({
    data: [
      {
        dedupeKey: email.dedupeKey,
        kind: email.kind,
        channelId: email.channelId,
        transport: 'email',
        target: [...new Set(email.to)].join(','),
        subject: email.subject,
        body: { text: email.text, html: email.html },
      },
    ],
    skipDuplicates: true,
  });
  return count > 0;
}

export type SummaryChannel = { id: string; name: string; emails: string[] };

/** The enabled e-mail channels that receive the nightly summary, with their addresses. */
export async function summaryChannels(client: Prisma.TransactionClient = db): Promise<SummaryChannel[]> {
  const rows = await client.alertChannel.findMany({
    where: { enabled: true, kind: 'email', nightlySummary: true },
    select: { id: true, name: true, emails: true },
    orderBy: { name: 'asc' },
  });
  return rows.filter((r) => r.emails.length > 0);
}

/** After the queueing transaction committed: the delivery job runs now (here at once, elsewhere on its poll). */
export async function wakeDeliveries(): Promise<void> {
  await requestRunNow(DELIVERY_JOB);
}
