import 'server-only';
import {
  channelResponseSchema,
  channelsResponseSchema,
  createdChannelResponseSchema,
  testQueuedSchema,
} from '@/lib/alerts/channel-dto';
import { createChannelInputSchema } from '@/lib/alerts/channel-input';
import { bodyErrors, bodySchema, errors, json } from './openapi-helpers';
import type { JsonSchema } from './openapi-helpers';

// The alert channels part of the OpenAPI document (admins): where alert notifications go, and a test sent to
// one. openapi.ts registers these schemas.

export const alertChannelSchemas = [
  channelsResponseSchema,
  channelResponseSchema,
  createdChannelResponseSchema,
  testQueuedSchema,
];

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const notFound = { '404': json('Error', 'No such channel') };

export function alertChannelPaths(): Record<string, JsonSchema> {
  return {
    '/alert-channels': {
      get: {
        summary: 'The alert channels (admins), each with its last deliveries; never a secret',
        operationId: 'listAlertChannels',
        responses: { '200': json('AlertChannels', 'The channels, by name'), ...errors },
      },
      post: {
        summary: 'Create an alert channel (admins): a webhook or e-mail addresses, and what it routes',
        description:
          'severities, tierKeys and chainSlugs select the alerts it receives (an empty list: all); the tiers and chains must exist. A webhook needs an http(s) url; its signing secret is generated unless given and is answered only here. An e-mail channel needs an address or toAccountManager.',
        operationId: 'createAlertChannel',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: bodySchema(createChannelInputSchema) } },
        },
        responses: {
          '201': json(
            'AlertChannelCreated',
            'The channel, and its secret this once; Location: /api/v1/alert-channels/{id}',
          ),
          '409': json('Error', 'A channel with this name exists'),
          ...bodyErrors,
        },
      },
    },
    '/alert-channels/{id}': {
      get: {
        summary: 'One alert channel with its last deliveries (what became of a test)',
        operationId: 'getAlertChannel',
        parameters: [idParameter],
        responses: { '200': json('AlertChannelResponse', 'The channel'), ...notFound, ...errors },
      },
      delete: {
        summary: 'Delete an alert channel (admins); what is still queued to it fails, saying so',
        operationId: 'deleteAlertChannel',
        parameters: [idParameter],
        responses: { '204': { description: 'Deleted' }, ...notFound, ...errors },
      },
    },
    '/alert-channels/{id}/test': {
      post: {
        summary: 'Queue a test notification to the channel (admins), delivered as an alert would be',
        operationId: 'testAlertChannel',
        parameters: [idParameter],
        responses: {
          '202': json('AlertChannelTestQueued', 'Queued; its outcome shows in the channel’s lastDeliveries'),
          ...notFound,
          ...errors,
        },
      },
    },
  };
}
