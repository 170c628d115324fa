import 'server-only';
import { requestContext } from '@/lib/server/audit/request-context';

/** The caller's address for the audit log: the socket's peer, or what trusted proxies say (client-address.ts). */
export async function requestIp(): Promise<string | null> {
  return (await requestContext()).ip;
}
