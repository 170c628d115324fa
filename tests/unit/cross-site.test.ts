import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from '@/lib/server/web/cross-site';

const app = 'https://fleet.example.com';
const write = (headers: Record<string, string>, method = 'POST') =>
  crossSiteRefusal({ method, headers: new Headers(headers) }, app);

describe('cross-site writes', () => {
  it('lets reads through whatever they carry', () => {
    expect(write({ origin: 'https://evil.example', cookie: 's=1' }, 'GET')).toBeNull();
    expect(write({ 'sec-fetch-site': 'cross-site', cookie: 's=1' }, 'HEAD')).toBeNull();
  });

  it('refuses a write from another origin, naming it', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(write({ origin: 'https://evil.example', cookie: 's=1' }, method)).toMatch(
        /Origin https:\/\/evil\.example is not this console \(https:\/\/fleet\.example\.com\)/,
      );
    }
    expect(write({ origin: 'null', cookie: 's=1' })).toMatch(/Origin null/);
    // Another port or scheme is another origin.
    expect(write({ origin: 'http://fleet.example.com' })).not.toBeNull();
  });

  it('lets a write from our own origin through', () => {
    expect(write({ origin: app, cookie: 's=1' })).toBeNull();
  });

  it('without Origin, reads Sec-Fetch-Site: only same-origin passes', () => {
    expect(write({ 'sec-fetch-site': 'same-origin', cookie: 's=1' })).toBeNull();
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect(write({ 'sec-fetch-site': site, cookie: 's=1' })).toMatch(`Sec-Fetch-Site is ${site}`);
    }
  });

  it('refuses a cookie-signed write that proves no origin at all', () => {
    expect(write({ cookie: 'next-auth.session-token=x' })).toMatch(/must carry Origin or Sec-Fetch-Site/);
  });

  it('exempts API tokens and requests without credentials', () => {
    expect(write({ authorization: 'Bearer fpt_x', origin: 'https://evil.example', cookie: 's=1' })).toBeNull();
    expect(write({})).toBeNull();
    // A non-Bearer Authorization is no token: the cookie rule holds.
    expect(write({ authorization: 'Basic eDp5', cookie: 's=1' })).not.toBeNull();
  });
});
