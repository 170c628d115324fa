import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { TrustedProxies } from '@/lib/config';

// The caller's address for the audit log and throttling. X-Forwarded-For is whatever the client wrote unless
// a proxy we trust wrote it, so it is read only when the socket's peer is a configured trusted proxy, and
// then walked right to left past the trusted proxies (proxy-addr, as express does it).

/**
 * The socket's peer address, written by our server (scripts/next-server.mjs) over any client-sent copy.
 * Private: nothing but that server sets it.
 */
export const PEER_HEADER = 'x-fleetpane-peer';

type Trust = (address: string, hop: number) => boolean;
const compiled = new WeakMap<TrustedProxies, Trust>();

function trustOf(proxies: TrustedProxies): Trust {
  let trust = compiled.get(proxies);
  if (!trust) {
    if (proxies.kind === 'none') trust = () => false;
    else if (proxies.kind === 'hops') trust = (_address, hop) => hop < proxies.count;
    else trust = proxyaddr.compile(proxies.entries);
    compiled.set(proxies, trust);
  }
  return trust;
}

/** One spelling per address: IPv4-mapped IPv6 (::ffff:10.0.0.1) as IPv4, IPv6 compressed. */
function normalize(address: string): string | null {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : null;
}

export type AddressInput = { peer: string | null; forwardedFor: string | null; trust: TrustedProxies };

/** The client's address, or null when the request did not come through our server (no peer recorded). */
export function clientAddress({ peer, forwardedFor, trust }: AddressInput): string | null {
  const socket = peer ? normalize(peer.trim()) : null;
  if (!socket) return null;
  if (trust.kind === 'none') return socket;
  const request = {
    socket: { remoteAddress: socket },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  };
  // A trusted proxy that forwarded something that is not an address: the nearest address we know is its own.
  return normalize(proxyaddr(request as never, trustOf(trust))) ?? socket;
}
