import 'server-only';
import { errors, json } from './openapi-helpers';
import type { JsonSchema } from './openapi-helpers';

// The finance part of the OpenAPI document: the cost report and Cost Explorer ingestion.

export function financePaths(): Record<string, JsonSchema> {
  return {
    '/reports/costs': {
      get: {
        summary:
          'Cost, revenue, SLA credits and margin per chain and month (finance, admins; account managers their own chains)',
        operationId: 'getCostReport',
        parameters: [
          {
            name: 'from',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
            description: 'First month (UTC); default 11 months ago',
          },
          {
            name: 'to',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
            description: 'Last month, at most this one; at most 36 months',
          },
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json' },
          },
          { name: 'chain', in: 'query', required: false, schema: { type: 'string' }, description: 'One chain only' },
        ],
        responses: {
          '200': {
            description:
              'Streamed: JSON { from, to, currency, rows, totals }, CSV (RFC 4180, columns in the README) or XLSX',
          },
          '404': json('Error', 'No such chain'),
          ...errors,
        },
      },
    },
    '/costs/ingest': {
      post: {
        summary: 'Read Cost Explorer now for every account (finance, admins)',
        operationId: 'ingestCosts',
        responses: { '200': { description: '{ ingest: { accounts, lines, calls, failures } }' }, ...errors },
      },
    },
  };
}
