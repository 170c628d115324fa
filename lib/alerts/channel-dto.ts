// An alert channel as the API and the settings page show it: never its secret (hasSecret says there is one),
// with its last deliveries so whoever sent a test sees what became of it.
import type { ChannelKindName } from './channel-input';

export type DeliveryDto = {
  id: string;
  kind: 'firing' | 'resolved' | 'reminder' | 'test' | 'summary';
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
};

export type ChannelDto = {
  id: string;
  name: string;
  kind: ChannelKindName;
  url: string | null;
  hasSecret: boolean;
  emails: string[];
  toAccountManager: boolean;
  severities: ('page' | 'ticket')[];
  tierKeys: string[];
  chainSlugs: string[];
  nightlySummary: boolean;
  enabled: boolean;
  createdAt: string;
  lastDeliveries: DeliveryDto[];
};
