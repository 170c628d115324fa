import 'server-only';
import { alertQuerySchema, maintenanceWindowInputSchema, silenceInputSchema } from '@/lib/alerts/alert-input';
import {
  alertListSchema,
  alertResponseSchema,
  alertSchema,
  maintenanceWindowResponseSchema,
  maintenanceWindowSchema,
  maintenanceWindowsResponseSchema,
  silenceResponseSchema,
  silenceSchema,
  silencesResponseSchema,
} from '@/lib/alerts/alert-dto';
import { bodyErrors, bodySchema, errors, json, queryParameters } from './openapi-helpers';
import type { JsonSchema } from './openapi-helpers';

// The alerts part of the OpenAPI document: alerts and their acknowledgement, silences and maintenance windows.

export const alertSchemas = [
  alertSchema,
  alertListSchema,
  alertResponseSchema,
  silenceSchema,
  silenceResponseSchema,
  silencesResponseSchema,
  maintenanceWindowSchema,
  maintenanceWindowResponseSchema,
  maintenanceWindowsResponseSchema,
];

const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
  description: what,
});
const body = (schema: Parameters<typeof bodySchema>[0]) => ({
  required: true,
  content: { 'application/json': { schema: bodySchema(schema) } },
});

export function alertPaths(): Record<string, JsonSchema> {
  return {
    '/alerts': {
      get: {
        summary: 'Open alerts (firing, then pending), then the history, newest first',
        description:
          'One alert per chain and rule while its problem lasts (fingerprint). state=open is pending and firing; the history pages with before=<nextBefore>.',
        operationId: 'listAlerts',
        parameters: queryParameters(alertQuerySchema),
        responses: { '200': json('AlertList', 'The alerts'), ...errors },
      },
    },
    '/alerts/{id}/ack': {
      post: {
        summary: "Acknowledge an open alert (ops, admins, the chain's account manager): no more reminders",
        operationId: 'acknowledgeAlert',
        parameters: [idParameter('The alert')],
        responses: {
          '200': json('AlertResponse', 'The alert, acknowledged (again: unchanged)'),
          '404': json('Error', 'No such alert'),
          '409': json('Error', 'The alert is resolved'),
          ...errors,
        },
      },
    },
    '/silences': {
      get: {
        summary: 'Active and upcoming silences, then those ended in the last 7 days',
        operationId: 'listSilences',
        responses: { '200': json('SilencesResponse', 'The silences'), ...errors },
      },
      post: {
        summary: 'Silence a chain, a rule or both until a time (ops, admins): their notifications are held',
        description: 'A held alert that still fires when the silence ends is told then. At most 30 days; audited.',
        operationId: 'createSilence',
        requestBody: body(silenceInputSchema),
        responses: { '201': json('SilenceResponse', 'The silence'), ...bodyErrors },
      },
    },
    '/silences/{id}/expire': {
      post: {
        summary: 'End a silence now (ops, admins)',
        operationId: 'expireSilence',
        parameters: [idParameter('The silence')],
        responses: {
          '200': json('SilenceResponse', 'The silence, ended'),
          '404': json('Error', 'No such silence'),
          '409': json('Error', 'It has already ended'),
          ...errors,
        },
      },
    },
    '/maintenance-windows': {
      get: {
        summary: "The chains' recurring maintenance windows",
        operationId: 'listMaintenanceWindows',
        parameters: [
          {
            name: 'chain',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
          },
        ],
        responses: { '200': json('MaintenanceWindowsResponse', 'The windows'), ...errors },
      },
      post: {
        summary: "A chain's recurring maintenance window (ops, admins), e.g. 0 2 * * SUN for 120 minutes",
        description: "While it is open the chain's alert notifications are held. Audited.",
        operationId: 'createMaintenanceWindow',
        requestBody: body(maintenanceWindowInputSchema),
        responses: { '201': json('MaintenanceWindowResponse', 'The window'), ...bodyErrors },
      },
    },
    '/maintenance-windows/{id}': {
      delete: {
        summary: 'Delete a maintenance window (ops, admins)',
        operationId: 'deleteMaintenanceWindow',
        parameters: [idParameter('The window')],
        responses: { '204': { description: 'Deleted' }, '404': json('Error', 'No such window'), ...errors },
      },
    },
  };
}
