import 'server-only';
import { csvStream } from '@/lib/server/web/csv-stream';
import type { AuditEventDto } from './find-audit-events';

// The filtered trail as a CSV download. Fields anyone could have typed (a target, an email, a user agent) are
// kept from being read as formulas by a spreadsheet (OWASP's CSV injection advice: a leading ' ).

const columns = [
  'id',
  'at',
  'actor',
  'actor_role',
  'token',
  'source',
  'chain',
  'action',
  'target',
  'result',
  'before',
  'after',
  'detail',
  'request_id',
  'ip',
  'user_agent',
  'hash',
] as const;

const text = (value: string | null): string | null => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const jsonText = (value: unknown): string | null =>
  value === null || value === undefined ? null : text(JSON.stringify(value));

function values(e: AuditEventDto): (string | null)[] {
  return [
    e.id,
    e.at,
    text(e.actor),
    e.actorRole,
    e.token ? text(e.token.name) : null,
    e.source,
    e.chain,
    e.action,
    text(e.target),
    e.result,
    jsonText(e.before),
    jsonText(e.after),
    jsonText(e.detail),
    text(e.requestId),
    e.ip,
    text(e.userAgent),
    e.hash,
  ];
}

export function auditCsv(events: AsyncIterable<AuditEventDto>): ReadableStream<Uint8Array> {
  return csvStream([...columns], events, values);
}
