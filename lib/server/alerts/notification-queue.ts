import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';

// STUB until the delivery queue lands (branch notify): the signatures the alert lifecycle calls.

export type AlertForNotification = {
  id: string;
  fingerprint: string;
  chainId: string;
  rule: string;
  severity: 'page' | 'ticket';
  status: 'pending' | 'firing' | 'resolved';
  summary: string;
  detail: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
};

export async function queueAlertNotifications(
  tx: Prisma.TransactionClient,
  alert: AlertForNotification,
  kind: 'firing' | 'resolved' | 'reminder',
  seq?: number,
): Promise<number> {
  void tx;
  void alert;
  void kind;
  void seq;
  return 0;
}

export async function wakeDeliveries(): Promise<void> {}
