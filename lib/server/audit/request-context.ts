import 'server-only';
import { headers } from 'next/headers';
import { config } from '@/lib/config';
import type { AuditSource } from '@/lib/generated/prisma/enums';
import { clientAddress, PEER_HEADER } from '@/lib/server/auth/client-address';
import { REQUEST_ID_HEADER } from '@/lib/request-id';

// Where an audit event comes from: the request being served (its id, address, user agent, and whether it is
// an API call), or, outside any request, the process: a worker, or the command line.

export type RequestContext = {
  source: AuditSource;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The API token of an `Authorization: Bearer` call. */
  bearer: string | null;
};

const processSource: { value: AuditSource } = { value: 'worker' };

/** A command-line program says so once, at its start: its events then carry source `cli`. */
export function setProcessAuditSource(source: AuditSource): void {
  processSource.value = source;
}

export async function requestContext(): Promise<RequestContext> {
  let h: Headers;
  try {
    h = await headers();
  } catch {
    // Not in a request: next/headers throws outside one.
    return { source: processSource.value, requestId: null, ip: null, userAgent: null, bearer: null };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(h.get('authorization') ?? '')?.[1] ?? null;
  return {
    source: bearer ? 'api' : 'ui',
    requestId: h.get(REQUEST_ID_HEADER)?.slice(0, 100) ?? null,
    ip: clientAddress({
      peer: h.get(PEER_HEADER),
      forwardedFor: h.get('x-forwarded-for'),
      trust: config().trustedProxies,
    }),
    userAgent: h.get('user-agent')?.slice(0, 500) ?? null,
    bearer,
  };
}
