import 'server-only';
import { randomUUID } from 'node:crypto';
import { config } from '@/lib/config';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { readChannel } from './find-channels';
import { notificationRow, wakeDeliveries } from './queue-notifications';
import type { RenderInput } from './render-notification';
import type { RoutedChannel } from './route-alert';

// "Send a test" (admins; the caller authorized it): one `test` notification to the channel, through the same
// queue, rendering and delivery as an alert's, so what arrives is what an alert would look like. Queued and
// audited in one transaction; its outcome is the channel's last delivery (listChannels / findChannel).
// A channel that mails only the account manager has no chain here: the test goes to whoever asked for it.

export async function sendTestNotification(channelId: string, actor: Actor): Promise<{ notificationId: string }> {
  const id = await db.$transaction(async (tx) => {
    const c = await readChannel(channelId, tx);
    const channel: RoutedChannel =
      c.kind === 'webhook'
        ? { id: c.id, name: c.name, kind: 'webhook', url: c.url ?? '' }
        : { id: c.id, name: c.name, kind: 'email', to: c.emails.length ? c.emails : [actor.email] };
    const input: RenderInput = {
      kind: 'test',
      alert: {
        fingerprint: 'test',
        rule: 'test',
        severity: 'ticket',
        summary: `Test notification to the channel "${c.name}"`,
        detail: { 'Requested by': actor.email },
        startsAt: new Date(),
        endsAt: null,
      },
      chain: { slug: 'test', name: 'Fleetpane' },
      url: `${config().appOrigin}/settings/alert-channels`,
    };
    const row = await tx.notification.create({
      data: notificationRow(channel, input, { dedupeKey: `test:${randomUUID()}` }),
      select: { id: true },
    });
    await recordAuditEvent(
      {
        actor,
        action: 'alert-channel.test',
        result: 'ok',
        target: `alert-channel:${c.name}`,
        detail: { notificationId: row.id, kind: c.kind },
      },
      tx,
    );
    return row.id;
  });
  await wakeDeliveries();
  return { notificationId: id };
}
