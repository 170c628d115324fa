import 'server-only';
import type { ChannelDto } from '@/lib/alerts/channel-dto';
import type { Prisma } from '@/lib/generated/prisma/client';

// A channel as read from the database: one select, one DTO, what its audit events keep (never the secret).
// No authorization here: the worker's routing and delivery read channels too.

export const LAST_DELIVERIES = 5;

export const deliverySelect = {
  id: true,
  kind: true,
  status: true,
  attempts: true,
  lastError: true,
  sentAt: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;

export const channelSelect = {
  id: true,
  name: true,
  kind: true,
  url: true,
  secret: true,
  emails: true,
  toAccountManager: true,
  severities: true,
  tierKeys: true,
  chainSlugs: true,
  nightlySummary: true,
  enabled: true,
  createdAt: true,
  notifications: { select: deliverySelect, orderBy: { createdAt: 'desc' }, take: LAST_DELIVERIES },
} satisfies Prisma.AlertChannelSelect;

export type ChannelRow = Prisma.AlertChannelGetPayload<{ select: typeof channelSelect }>;

export function toChannelDto(c: ChannelRow): ChannelDto {
  const { secret, notifications, createdAt, ...rest } = c;
  return {
    ...rest,
    hasSecret: !!secret,
    createdAt: createdAt.toISOString(),
    lastDeliveries: notifications.map((n) => ({
      ...n,
      sentAt: n.sentAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

/** What the audit event keeps of a channel: its routing and target, whether it has a secret, not the secret. */
export function auditedChannel(c: ChannelRow): Prisma.InputJsonObject {
  const { id: _id, secret, notifications: _n, createdAt: _c, ...rest } = c;
  return { ...rest, hasSecret: !!secret };
}
