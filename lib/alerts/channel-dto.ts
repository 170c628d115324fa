// An alert channel as the API and the settings page show it: never its secret (hasSecret says there is one),
// with its last deliveries so whoever sent a test sees what became of it. Types are inferred from the schemas
// the OpenAPI document is built from.
import { z } from 'zod';
import { alertSeverities, channelKinds } from './channel-input';

const isoDate = z.string().describe('ISO 8601 date-time, UTC');

export const deliverySchema = z
  .object({
    id: z.uuid().describe('The notification: also its X-Fleetpane-Delivery header and Message-ID'),
    kind: z.enum(['firing', 'resolved', 'reminder', 'test', 'summary']),
    status: z.enum(['queued', 'sending', 'sent', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('Why the last attempt failed (a failed one: why it gave up)'),
    sentAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .meta({ id: 'AlertDelivery' });
export type DeliveryDto = z.infer<typeof deliverySchema>;

export const channelSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(channelKinds),
    url: z.string().nullable().describe('Webhook: the URL posted to'),
    hasSecret: z.boolean().describe('Webhook: signed with a secret (shown once, when created)'),
    emails: z.array(z.string()),
    toAccountManager: z.boolean().describe("E-mail: also to the alerting chain's account manager"),
    severities: z.array(z.enum(alertSeverities)).describe('Empty: every severity'),
    tierKeys: z.array(z.string()).describe('Empty: every tier'),
    chainSlugs: z.array(z.string()).describe('Empty: every chain'),
    nightlySummary: z.boolean(),
    enabled: z.boolean(),
    createdAt: isoDate,
    lastDeliveries: z.array(deliverySchema).describe('The last five notifications to it, newest first'),
  })
  .meta({ id: 'AlertChannel' });
export type ChannelDto = z.infer<typeof channelSchema>;

export const channelResponseSchema = z.object({ channel: channelSchema }).meta({ id: 'AlertChannelResponse' });
export const createdChannelResponseSchema = z
  .object({
    channel: channelSchema,
    secret: z.string().nullable().describe('Webhook: the signing secret, answered this once (null for e-mail)'),
  })
  .meta({ id: 'AlertChannelCreated' });
export const channelsResponseSchema = z.object({ channels: z.array(channelSchema) }).meta({ id: 'AlertChannels' });
export const testQueuedSchema = z
  .object({ notificationId: z.uuid().describe("See it among the channel's lastDeliveries") })
  .meta({ id: 'AlertChannelTestQueued' });
