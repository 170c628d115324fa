import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';

const demo = { FLEETPANE_DEMO: 'true' };
const production = {
  NEXTAUTH_SECRET: 'x'.repeat(40),
  OIDC_ISSUER: 'https://login.example.com',
  OIDC_CLIENT_ID: 'fleetpane',
  OIDC_CLIENT_SECRET: 'secret',
};

function message(env: Record<string, string | undefined>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('defaults to the embedded database under .data', () => {
    const cfg = parseConfig(demo);
    expect(cfg.database).toEqual({ kind: 'embedded', dataDir: expect.stringMatching(/\.data\/pglite$/) });
    expect(cfg.demo).toBe(true);
    expect(cfg.worker).toBe('embedded');
  });

  it('reads a PostgreSQL server from DATABASE_URL, parts separately', () => {
    const cfg = parseConfig({
      ...demo,
      DATABASE_URL: 'postgresql://app:p%40ss@db.internal:6543/fleet?sslmode=require',
    });
    expect(cfg.database).toEqual({
      kind: 'server',
      host: 'db.internal',
      port: 6543,
      user: 'app',
      password: 'p@ss',
      database: 'fleet',
      ssl: true,
    });
  });

  it('serves from one process per core with a PostgreSQL server, one with the embedded database', () => {
    expect(parseConfig(demo).webProcesses).toBe(1);
    expect(parseConfig({ ...demo, DATABASE_URL: 'postgresql://app@db/fleet' }).webProcesses).toBe(
      availableParallelism(),
    );
    expect(
      parseConfig({ ...demo, DATABASE_URL: 'postgresql://app@db/fleet', FLEETPANE_WEB_PROCESSES: '3' }).webProcesses,
    ).toBe(3);
    expect(message({ ...demo, FLEETPANE_WEB_PROCESSES: '2' })).toBe(
      'FLEETPANE_WEB_PROCESSES=2 needs a PostgreSQL server (DATABASE_URL): the embedded database serves one process.',
    );
    expect(message({ ...demo, DATABASE_URL: 'postgresql://app@db/fleet', FLEETPANE_WEB_PROCESSES: '0' })).toMatch(
      /^FLEETPANE_WEB_PROCESSES is invalid/,
    );
  });

  it('refuses an unknown DATABASE_URL scheme in one sentence', () => {
    const text = message({ ...demo, DATABASE_URL: 'mysql://root@localhost/fleet' });
    expect(text).toMatch(/^DATABASE_URL uses the scheme "mysql", but Fleetpane needs PostgreSQL/);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('refuses production mode without a session secret', () => {
    const { NEXTAUTH_SECRET: _secret, ...rest } = production;
    expect(message(rest)).toMatch(/^NEXTAUTH_SECRET is not set/);
  });

  it('refuses production mode without a sign-in method, and half an OIDC setup', () => {
    expect(message({ NEXTAUTH_SECRET: 'x'.repeat(40) })).toMatch(/needs an OIDC provider/);
    expect(message({ ...demo, OIDC_ISSUER: 'https://login.example.com' })).toMatch(/needs all of OIDC_ISSUER/);
  });

  it('accepts a complete production configuration with demo mode off', () => {
    const cfg = parseConfig(production);
    expect(cfg.demo).toBe(false);
    expect(cfg.oidc?.issuer).toBe('https://login.example.com');
  });

  it('refuses a malformed emulator endpoint and interval', () => {
    expect(message({ ...demo, AWS_ENDPOINT_URL: 'localhost:4566' })).toMatch(/AWS_ENDPOINT_URL/);
    expect(message({ ...demo, FLEETPANE_COLLECT_INTERVAL_SECONDS: '1' })).toMatch(/FLEETPANE_COLLECT_INTERVAL_SECONDS/);
  });

  it('keeps sessions 60 idle minutes and 12 hours at most, unless told otherwise', () => {
    expect(parseConfig(demo).sessions).toEqual({ idleMinutes: 60, maxHours: 12, secureCookies: false });
    expect(
      parseConfig({ ...demo, FLEETPANE_SESSION_IDLE_MINUTES: '15', FLEETPANE_SESSION_MAX_HOURS: '8' }).sessions,
    ).toMatchObject({ idleMinutes: 15, maxHours: 8 });
    expect(message({ ...demo, FLEETPANE_SESSION_IDLE_MINUTES: '0' })).toMatch(
      /^FLEETPANE_SESSION_IDLE_MINUTES is invalid/,
    );
    expect(message({ ...demo, FLEETPANE_SESSION_MAX_HOURS: 'soon' })).toMatch(
      /^FLEETPANE_SESSION_MAX_HOURS is invalid/,
    );
    expect(message({ ...demo, FLEETPANE_SESSION_IDLE_MINUTES: '120', FLEETPANE_SESSION_MAX_HOURS: '1' })).toMatch(
      /^FLEETPANE_SESSION_IDLE_MINUTES=120 is longer than the absolute timeout/,
    );
  });

  it('makes cookies Secure over https, and in production mode without a NEXTAUTH_URL', () => {
    expect(parseConfig({ ...production, NEXTAUTH_URL: 'https://fleet.example.com' }).sessions.secureCookies).toBe(true);
    expect(parseConfig(production).sessions.secureCookies).toBe(true);
    expect(parseConfig({ ...demo, NEXTAUTH_URL: 'http://127.0.0.1:3000' }).sessions.secureCookies).toBe(false);
    expect(parseConfig({ ...production, NEXTAUTH_URL: 'http://localhost:3000' }).sessions.secureCookies).toBe(false);
  });

  it('refuses plain http to another host outside demo mode, in one sentence', () => {
    const text = message({ ...production, NEXTAUTH_URL: 'http://fleet.example.com' });
    expect(text).toBe(
      'NEXTAUTH_URL http://fleet.example.com is plain http on a host other than this machine: session cookies could not be Secure, so production mode needs an https:// URL.',
    );
    expect(parseConfig({ ...demo, NEXTAUTH_URL: 'http://10.0.0.5:3000' }).sessions.secureCookies).toBe(false);
    expect(message({ ...demo, NEXTAUTH_URL: 'fleet.example.com' })).toMatch(/^NEXTAUTH_URL is invalid/);
  });

  it('takes the app origin from NEXTAUTH_URL, else HOST and PORT', () => {
    expect(parseConfig({ ...demo, NEXTAUTH_URL: 'https://fleet.example.com/some/path' }).appOrigin).toBe(
      'https://fleet.example.com',
    );
    expect(parseConfig({ ...demo, HOST: '127.0.0.1', PORT: '3200' }).appOrigin).toBe('http://127.0.0.1:3200');
    expect(parseConfig(demo).appOrigin).toBe('http://127.0.0.1:3000');
    expect(message({ ...demo, NEXTAUTH_URL: 'ftp://fleet.example.com' })).toBe(
      'NEXTAUTH_URL is invalid: NEXTAUTH_URL is an http(s) URL.',
    );
  });

  it('trusts no proxy by default, or the listed addresses and ranges, or a hop count', () => {
    expect(parseConfig(demo).trustedProxies).toEqual({ kind: 'none' });
    expect(
      parseConfig({ ...demo, FLEETPANE_TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1 ,2001:db8::/32' }).trustedProxies,
    ).toEqual({
      kind: 'list',
      entries: ['10.0.0.0/8', '127.0.0.1', '2001:db8::/32'],
    });
    expect(parseConfig({ ...demo, FLEETPANE_TRUSTED_PROXY_HOPS: '2' }).trustedProxies).toEqual({
      kind: 'hops',
      count: 2,
    });
  });

  it('refuses a trusted proxy that is no address, a bad hop count, and both settings at once', () => {
    expect(message({ ...demo, FLEETPANE_TRUSTED_PROXIES: '10.0.0.0/8,proxy.internal' })).toBe(
      'FLEETPANE_TRUSTED_PROXIES has "proxy.internal", which is not an IP address or CIDR range (e.g. 10.0.0.0/8,127.0.0.1).',
    );
    expect(message({ ...demo, FLEETPANE_TRUSTED_PROXIES: '10.0.0.0/33' })).toMatch(/has "10\.0\.0\.0\/33"/);
    expect(message({ ...demo, FLEETPANE_TRUSTED_PROXY_HOPS: '0' })).toMatch(/^FLEETPANE_TRUSTED_PROXY_HOPS is invalid/);
    expect(message({ ...demo, FLEETPANE_TRUSTED_PROXIES: '127.0.0.1', FLEETPANE_TRUSTED_PROXY_HOPS: '1' })).toBe(
      'FLEETPANE_TRUSTED_PROXIES and FLEETPANE_TRUSTED_PROXY_HOPS are both set: trust proxies by address or by count, not both.',
    );
  });
});
