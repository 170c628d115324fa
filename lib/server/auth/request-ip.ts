import 'server-only';
import { headers } from 'next/headers';
import { config } from '@/lib/config';
import { clientAddress, PEER_HEADER } from './client-address';

/** The caller's address for the audit log: the socket's peer, or what trusted proxies say (client-address.ts). */
export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return clientAddress({
    peer: h.get(PEER_HEADER),
    forwardedFor: h.get('x-forwarded-for'),
    trust: config().trustedProxies,
  });
}
