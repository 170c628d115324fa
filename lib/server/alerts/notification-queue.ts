import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';

// A minimal stand-in for the delivery queue built on another branch (same signatures; replaced at the merge):
// e-mails are queued as Notification rows, once per dedupeKey; nothing here sends them.

export type QueuedEmail = {
  dedupeKey: string;
  kind: 'summary';
  to: string[];
  subject: string;
  text: string;
  html: string;
};

/** Queues one e-mail in the caller's transaction; a dedupeKey queued before is not queued again. Answers how many were new. */
export async function queueEmail(tx: Prisma.TransactionClient, email: QueuedEmail): Promise<number> {
  const r = await tx.notification.createMany({
    data: [
      {
        dedupeKey: email.dedupeKey,
        kind: email.kind,
        transport: 'email',
        target: email.to.join(', '),
        subject: email.subject,
        body: { text: email.text, html: email.html },
      },
    ],
    skipDuplicates: true,
  });
  return r.count;
}

/** The ops recipients of the nightly summary: the enabled e-mail channels marked for it. */
export async function summaryChannels(): Promise<{ emails: string[] }[]> {
  return db.alertChannel.findMany({
    where: { kind: 'email', enabled: true, nightlySummary: true },
    select: { emails: true },
    orderBy: { name: 'asc' },
  });
}

/** Wakes the senders (none in this stand-in). */
export async function wakeDeliveries(): Promise<void> {}
