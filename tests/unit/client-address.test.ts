import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import type { TrustedProxies } from '@/lib/config';
import { clientAddress } from '@/lib/server/auth/client-address';

const trust = (env: Record<string, string>): TrustedProxies =>
  parseConfig({ FLEETPANE_DEMO: 'true', ...env }).trustedProxies;
const none = trust({});

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ peer: '203.0.113.7', forwardedFor: '1.2.3.4', trust: none })).toBe('203.0.113.7');
    expect(clientAddress({ peer: '203.0.113.7', forwardedFor: null, trust: none })).toBe('203.0.113.7');
  });

  it('is unknown when no peer was recorded (not served by our server), never the client-sent header', () => {
    expect(clientAddress({ peer: null, forwardedFor: '1.2.3.4', trust: none })).toBeNull();
    expect(clientAddress({ peer: 'not-an-address', forwardedFor: '1.2.3.4', trust: none })).toBeNull();
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    const proxies = trust({ FLEETPANE_TRUSTED_PROXIES: '10.0.0.0/8' });
    expect(clientAddress({ peer: '192.0.2.9', forwardedFor: '1.2.3.4', trust: proxies })).toBe('192.0.2.9');
  });

  it('walks the chain right to left past trusted proxies: a spoofed left entry is not believed', () => {
    const proxies = trust({ FLEETPANE_TRUSTED_PROXIES: '10.0.0.0/8,127.0.0.1' });
    // The client wrote "6.6.6.6" itself; the load balancer 10.0.0.5 appended the address it saw.
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: '6.6.6.6, 198.51.100.4, 10.0.0.5', trust: proxies })).toBe(
      '198.51.100.4',
    );
    // Every hop trusted: the leftmost address is the client.
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: '10.1.1.1, 10.0.0.5', trust: proxies })).toBe('10.1.1.1');
  });

  it('with a hop count trusts exactly that many proxies, whatever their addresses', () => {
    const one = trust({ FLEETPANE_TRUSTED_PROXY_HOPS: '1' });
    const two = trust({ FLEETPANE_TRUSTED_PROXY_HOPS: '2' });
    const chain = '6.6.6.6, 198.51.100.4, 192.0.2.50';
    expect(clientAddress({ peer: '192.0.2.1', forwardedFor: chain, trust: one })).toBe('192.0.2.50');
    expect(clientAddress({ peer: '192.0.2.1', forwardedFor: chain, trust: two })).toBe('198.51.100.4');
    // A proxy that sent no header: the peer itself is the client.
    expect(clientAddress({ peer: '192.0.2.1', forwardedFor: null, trust: one })).toBe('192.0.2.1');
  });

  it('matches IPv6 proxies and ranges, and writes IPv4-mapped addresses as IPv4', () => {
    const proxies = trust({ FLEETPANE_TRUSTED_PROXIES: '2001:db8::/32,127.0.0.1' });
    expect(
      clientAddress({ peer: '2001:db8::1', forwardedFor: '2001:0db8:0:0:0:0:0:99, 2001:db8::2', trust: proxies }),
    ).toBe('2001:db8::99');
    expect(clientAddress({ peer: '2001:db8::1', forwardedFor: '2a00:1450::1', trust: proxies })).toBe('2a00:1450::1');
    // Node reports an IPv4 client of a dual-stack socket as ::ffff:a.b.c.d: it matches 127.0.0.1.
    expect(clientAddress({ peer: '::ffff:127.0.0.1', forwardedFor: '198.51.100.4', trust: proxies })).toBe(
      '198.51.100.4',
    );
    expect(clientAddress({ peer: '::ffff:203.0.113.7', forwardedFor: null, trust: none })).toBe('203.0.113.7');
  });

  it('falls back to the peer when a trusted proxy forwarded something that is not an address', () => {
    const proxies = trust({ FLEETPANE_TRUSTED_PROXIES: '127.0.0.1' });
    expect(clientAddress({ peer: '127.0.0.1', forwardedFor: '<script>', trust: proxies })).toBe('127.0.0.1');
  });
});
