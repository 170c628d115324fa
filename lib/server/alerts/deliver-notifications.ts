import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { db } from '@/lib/server/db/client';
import { DeliveryError, permanentError } from './delivery-error';
import { MAX_ATTEMPTS, SEND_TIMEOUT_MS, backoffMs, claimNotifications, finishNotification } from './notification-claim';
import type { DeliveryOutcome } from './notification-claim';
import { sendEmail } from './send-email';
import { sendWebhook } from './send-webhook';

// The `alert-deliveries` job: drains the due notifications, a few side by side, each claimed, sent, and ended
// by the worker holding it.
//
// At least once, with a stable id. A notification is marked sent only after the receiver took it (a 2xx, or
// the SMTP server's 250), in a separate commit: a worker that dies between the two leaves it "sending" under a
// claim that runs out, and the next worker sends it again. Exactly once over HTTP or SMTP across such a crash
// is impossible; what we do is make the window small (the receiver's accept to our commit, milliseconds) and
// the copy recognisable: the same X-Fleetpane-Delivery header (the notification's id) on every webhook try,
// the same Message-ID on every e-mail, so a receiver that deduplicates on them sees it once.

const BATCH = 4;
const BUDGET_MS = 50_000;

export type DeliveryTally = { sent: number; retrying: number; failed: number; lost: number };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function send(id: string, signal?: AbortSignal): Promise<void> {
  const n = await db.notification.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      kind: true,
      transport: true,
      target: true,
      subject: true,
      body: true,
      channelId: true,
      channel: { select: { secret: true } },
    },
  });
  // A summary may be queued without a channel; any other notification whose channel is gone has nobody to go to.
  if (!n.channel && n.kind !== 'summary') throw permanentError('the channel was deleted before it was sent');
  if (n.transport === 'webhook') {
    await sendWebhook(
      { id: n.id, url: n.target, secret: n.channel?.secret ?? null, body: n.body },
      SEND_TIMEOUT_MS,
      signal,
    );
    return;
  }
  const body = n.body as { text?: string; html?: string };
  const to = n.target.split(',').filter(Boolean);
  await sendEmail({ id: n.id, to, subject: n.subject, text: body.text ?? '', html: body.html ?? '' }, SEND_TIMEOUT_MS);
}

async function deliverOne(
  id: string,
  workerId: string,
  signal?: AbortSignal,
): Promise<DeliveryOutcome['status'] | 'lost'> {
  let outcome: DeliveryOutcome;
  try {
    await send(id, signal);
    outcome = { status: 'sent' };
  } catch (error) {
    const transient = !(error instanceof DeliveryError) || error.transient;
    const { attempts } = await db.notification.findUniqueOrThrow({ where: { id }, select: { attempts: true } });
    if (!transient) outcome = { status: 'failed', error: message(error) };
    else if (attempts >= MAX_ATTEMPTS)
      outcome = { status: 'failed', error: `gave up after ${attempts} attempts: ${message(error)}` };
    else outcome = { status: 'retry', error: message(error), delayMs: backoffMs(attempts) };
  }
  const ended = await finishNotification(id, workerId, outcome);
  if (!ended) console.warn(`alert-deliveries: ${id} was taken over by another worker; ${workerId} leaves it`);
  return ended ? outcome.status : 'lost';
}

export type DeliverOptions = { workerId?: string; signal?: AbortSignal; budgetMs?: number };

/** Sends every due notification (until none is due, the signal aborts, or the budget is spent). */
export async function deliverDueNotifications(options: DeliverOptions = {}): Promise<DeliveryTally> {
  const workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const end = Date.now() + (options.budgetMs ?? BUDGET_MS);
  const tally: DeliveryTally = { sent: 0, retrying: 0, failed: 0, lost: 0 };
  while (!options.signal?.aborted && Date.now() < end) {
    const ids = await claimNotifications(workerId, BATCH);
    if (!ids.length) break;
    const outcomes = await Promise.all(ids.map((id) => deliverOne(id, workerId, options.signal)));
    for (const o of outcomes) tally[o === 'retry' ? 'retrying' : o]++;
  }
  return tally;
}

/** The job's line for the schedules page. */
export async function runAlertDeliveries({ signal }: { signal: AbortSignal }): Promise<string> {
  const t = await deliverDueNotifications({ signal });
  return `${t.sent} sent, ${t.retrying} to retry, ${t.failed} failed${t.lost ? `, ${t.lost} taken over` : ''}`;
}
