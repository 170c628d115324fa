// The app's configuration, validated once from the environment. Shared by the Next server, the worker and
// the scripts behind npm start / npm test, so a bad setting fails the same way everywhere: one sentence.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type DatabaseConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; host: string; port: number; user: string; password?: string; database: string; ssl: boolean };

/**
 * Who may tell us the client's address (X-Forwarded-For): nobody (the socket's peer is the client), the
 * proxies at these addresses or CIDR ranges, or exactly `count` proxies in front of us.
 */
export type TrustedProxies = { kind: 'none' } | { kind: 'list'; entries: string[] } | { kind: 'hops'; count: number };

export type Config = {
  demo: boolean;
  /** The app's own origin (NEXTAUTH_URL's), e.g. https://fleet.example.com: writes must come from it. */
  appOrigin: string;
  trustedProxies: TrustedProxies;
  database: DatabaseConfig;
  awsEndpointUrl?: string;
  authSecret?: string;
  /**
   * Browser sessions: idle and absolute timeouts, and whether cookies are Secure with __Host- names (the
   * dashboard is served over https: NEXTAUTH_URL, or production mode without one).
   */
  sessions: { idleMinutes: number; maxHours: number; secureCookies: boolean };
  oidc?: { issuer: string; clientId: string; clientSecret: string; name: string };
  worker: 'embedded' | 'external';
  /** Server processes behind the dashboard's port: one per core with PostgreSQL, one with the embedded database. */
  webProcesses: number;
  collectIntervalSeconds: number;
  /** Our own AWS account (where provisioned chains go unless they bring theirs). */
  awsAccountId: string;
  /** The AMI provisioned app instances start from. */
  appAmi: string;
  /**
   * How Fleetpane reaches the engine inside a shared RDS instance (to create a chain's database and login):
   * with AWS, the instance's endpoint over TLS verified against the RDS CA bundle (caFile); against the
   * emulator, whose instances have no engine, one PostgreSQL server standing in for all of them.
   */
  engine: { kind: 'rds'; caFile?: string } | { kind: 'emulated'; url: string };
  /** Split GetMetricData windows longer than this many periods into slices (emulator only; see README). */
  metricMaxPeriods?: number;
  /**
   * Alerts: how long a new problem waits before anyone is told (a flapping signal does not page), how often a
   * firing, unacknowledged alert is told again, and how many unreadable passes in a row make a chain's alert.
   */
  alerts: { groupWaitSeconds: number; reminderMinutes: number; unreadablePasses: number };
  /** Where e-mail goes out (an SMTP server URL) and whom it is from; unset: e-mail notifications fail, saying so. */
  mail?: { url: string; from: string };
};

const flag = z
  .enum(['1', 'true', 'yes', '0', 'false', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  FLEETPANE_DATA_DIR: z.string().optional(),
  FLEETPANE_DEMO: flag,
  AWS_ENDPOINT_URL: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/, error: 'NEXTAUTH_URL is an http(s) URL' }).optional(),
  FLEETPANE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1_440).optional(),
  FLEETPANE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).optional(),
  HOST: z.string().optional(),
  PORT: z.string().optional(),
  FLEETPANE_TRUSTED_PROXIES: z.string().optional(),
  FLEETPANE_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).optional(),
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().optional(),
  FLEETPANE_WORKER: z.enum(['embedded', 'external']).optional(),
  FLEETPANE_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  FLEETPANE_COLLECT_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).optional(),
  FLEETPANE_METRIC_MAX_PERIODS: z.coerce.number().int().min(1).max(100_800).optional(),
  FLEETPANE_ALERT_GROUP_WAIT_SECONDS: z.coerce.number().int().min(0).max(3_600).optional(),
  FLEETPANE_ALERT_REMINDER_MINUTES: z.coerce.number().int().min(1).max(10_080).optional(),
  FLEETPANE_SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^/]+/,
      'FLEETPANE_SMTP_URL is an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587',
    )
    .optional(),
  FLEETPANE_MAIL_FROM: z.string().optional(),
  FLEETPANE_AWS_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, 'FLEETPANE_AWS_ACCOUNT_ID is a 12-digit AWS account id')
    .optional(),
  FLEETPANE_EMULATED_ENGINE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'FLEETPANE_EMULATED_ENGINE_URL is a postgresql:// URL')
    .optional(),
  FLEETPANE_RDS_CA_FILE: z.string().optional(),
  FLEETPANE_APP_AMI: z
    .string()
    .regex(/^ami-[0-9a-f]{8,17}$/, 'FLEETPANE_APP_AMI is an AMI id such as ami-0abc12345')
    .optional(),
});

function parseDatabaseUrl(url: string): DatabaseConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database.');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new ConfigError(
      `DATABASE_URL uses the scheme "${parsed.protocol.replace(/:$/, '')}", but Fleetpane needs PostgreSQL (postgresql://user:password@host:5432/database); unset it to use the embedded database.`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database)
    throw new ConfigError('DATABASE_URL names no database; expected postgresql://user:password@host:5432/database.');
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    kind: 'server',
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database,
    ssl: sslmode === 'require' || sslmode === 'verify-full',
  };
}

const loopbackHost = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Cookies are Secure (and named __Host-/__Secure-) whenever the dashboard is served over https. Outside
 * demo mode a plain http address other than this machine's would carry sessions in clear: refused.
 */
function parseSessions(e: z.infer<typeof envSchema>, demo: boolean): Config['sessions'] {
  const url = e.NEXTAUTH_URL ? new URL(e.NEXTAUTH_URL) : undefined;
  if (url && url.protocol === 'http:' && !loopbackHost.test(url.hostname) && !demo) {
    throw new ConfigError(
      `NEXTAUTH_URL ${url.origin} is plain http on a host other than this machine: session cookies could not be Secure, so production mode needs an https:// URL.`,
    );
  }
  const idleMinutes = e.FLEETPANE_SESSION_IDLE_MINUTES ?? 60;
  const maxHours = e.FLEETPANE_SESSION_MAX_HOURS ?? 12;
  if (idleMinutes > maxHours * 60) {
    throw new ConfigError(
      `FLEETPANE_SESSION_IDLE_MINUTES=${idleMinutes} is longer than the absolute timeout FLEETPANE_SESSION_MAX_HOURS=${maxHours}: make the idle timeout the shorter one.`,
    );
  }
  return { idleMinutes, maxHours, secureCookies: url ? url.protocol === 'https:' : !demo };
}

function parseTrustedProxies(list: string | undefined, hops: number | undefined): TrustedProxies {
  if (list !== undefined && hops !== undefined) {
    throw new ConfigError(
      'FLEETPANE_TRUSTED_PROXIES and FLEETPANE_TRUSTED_PROXY_HOPS are both set: trust proxies by address or by count, not both.',
    );
  }
  if (hops !== undefined) return { kind: 'hops', count: hops };
  const entries = (list ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new ConfigError(
        `FLEETPANE_TRUSTED_PROXIES has "${entry}", which is not an IP address or CIDR range (e.g. 10.0.0.0/8,127.0.0.1).`,
      );
    }
  }
  return entries.length ? { kind: 'list', entries } : { kind: 'none' };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`${issue.path.join('.')} is invalid: ${issue.message}.`);
  }
  const e = result.data;
  const demo = e.FLEETPANE_DEMO;
  const database: DatabaseConfig = e.DATABASE_URL
    ? parseDatabaseUrl(e.DATABASE_URL)
    : { kind: 'embedded', dataDir: path.resolve(e.FLEETPANE_DATA_DIR ?? '.data', 'pglite') };
  if (e.AWS_ENDPOINT_URL && !/^https?:\/\/[^/]+/.test(e.AWS_ENDPOINT_URL)) {
    throw new ConfigError(`AWS_ENDPOINT_URL "${e.AWS_ENDPOINT_URL}" is not an http(s) URL.`);
  }
  if (!demo && !e.NEXTAUTH_SECRET) {
    throw new ConfigError(
      'NEXTAUTH_SECRET is not set: production mode needs a random secret of at least 32 characters to sign sessions (or set FLEETPANE_DEMO=true for the local demo).',
    );
  }
  if (e.NEXTAUTH_SECRET && e.NEXTAUTH_SECRET.length < 32) {
    throw new ConfigError('NEXTAUTH_SECRET is too short: use at least 32 random characters.');
  }
  const sessions = parseSessions(e, demo);
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigError('OIDC sign-in needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.');
  }
  if (e.FLEETPANE_EMULATED_ENGINE_URL && !e.AWS_ENDPOINT_URL) {
    throw new ConfigError(
      'FLEETPANE_EMULATED_ENGINE_URL is for the local AWS emulator only (AWS_ENDPOINT_URL): with AWS, Fleetpane reaches each instance at its own endpoint.',
    );
  }
  if (database.kind === 'embedded' && (e.FLEETPANE_WEB_PROCESSES ?? 1) > 1) {
    throw new ConfigError(
      `FLEETPANE_WEB_PROCESSES=${e.FLEETPANE_WEB_PROCESSES} needs a PostgreSQL server (DATABASE_URL): the embedded database serves one process.`,
    );
  }
  if (!demo && !e.OIDC_ISSUER) {
    throw new ConfigError(
      'No sign-in method: production mode needs an OIDC provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).',
    );
  }
  return {
    demo,
    appOrigin: new URL(e.NEXTAUTH_URL ?? `http://${e.HOST ?? '127.0.0.1'}:${e.PORT ?? '3000'}`).origin,
    trustedProxies: parseTrustedProxies(e.FLEETPANE_TRUSTED_PROXIES, e.FLEETPANE_TRUSTED_PROXY_HOPS),
    database,
    awsEndpointUrl: e.AWS_ENDPOINT_URL,
    authSecret: e.NEXTAUTH_SECRET,
    sessions,
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET!,
          name: e.OIDC_NAME ?? 'Single sign-on',
        }
      : undefined,
    worker: e.FLEETPANE_WORKER ?? 'embedded',
    // Rendering a page is CPU-bound and a Node process uses one core for it: one process per core.
    webProcesses: e.FLEETPANE_WEB_PROCESSES ?? (database.kind === 'embedded' ? 1 : availableParallelism()),
    collectIntervalSeconds: e.FLEETPANE_COLLECT_INTERVAL_SECONDS ?? 60,
    metricMaxPeriods: e.FLEETPANE_METRIC_MAX_PERIODS,
    alerts: {
      groupWaitSeconds: e.FLEETPANE_ALERT_GROUP_WAIT_SECONDS ?? 30,
      reminderMinutes: e.FLEETPANE_ALERT_REMINDER_MINUTES ?? 240,
      unreadablePasses: 3,
    },
    mail: e.FLEETPANE_SMTP_URL
      ? { url: e.FLEETPANE_SMTP_URL, from: e.FLEETPANE_MAIL_FROM ?? 'Fleetpane <fleetpane@localhost>' }
      : undefined,
    // The demo's account and AMI are the emulator's; production sets both.
    awsAccountId: e.FLEETPANE_AWS_ACCOUNT_ID ?? '123456789012',
    appAmi: e.FLEETPANE_APP_AMI ?? 'ami-12c6146b',
    engine: e.FLEETPANE_EMULATED_ENGINE_URL
      ? { kind: 'emulated', url: e.FLEETPANE_EMULATED_ENGINE_URL }
      : { kind: 'rds', caFile: e.FLEETPANE_RDS_CA_FILE },
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
