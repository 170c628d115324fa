// @ts-check
// Whether this process can reach its database, as its own queries found it. A query that fails because the
// server cannot be reached (refused, cut, timed out, shutting down) marks the database unavailable; from then
// the server (scripts/next-server.mjs) answers every page 503 "Database unavailable" and every API call 503
// with Retry-After, without rendering, until a probe reaches the database again, every PROBE_MS, by itself.
// Plain JavaScript on globalThis: next-server.mjs runs outside Next's bundles, and each bundle (pages, route
// handlers, instrumentation) has its own copy of every module, but they all share one globalThis.

const PROBE_MS = 2_000;
/** What the 503 answers tell a caller to wait before trying again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * @typedef {{ since: Date; reason: string }} DatabaseOutage
 * @typedef {{ outage: DatabaseOutage | null; probing: NodeJS.Timeout | null; probe: (() => Promise<void>) | null }} OutageState
 */

/** @returns {OutageState} */
function state() {
  const g = /** @type {{ fleetpaneDatabaseOutage?: OutageState }} */ (globalThis);
  return (g.fleetpaneDatabaseOutage ??= { outage: null, probing: null, probe: null });
}

/** The outage under way in this process, or null when its last query reached the database. */
export function databaseOutage() {
  return state().outage;
}

// Socket errors (pg's own and Prisma's adapter's kinds), pg's messages for a connection that ended or never
// opened, and PostgreSQL's codes for a server shutting down or starting (57P01-57P03) or a broken
// connection (class 08).
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|Can't reach database server|server closed the connection/i;

/**
 * Why the error means the database cannot be reached (a short phrase naming no address: the 503 shows it to
 * anyone), or null for any other error (a
 * constraint, a bad query: a bug or a conflict, not an outage).
 * @param {unknown} error
 * @returns {string | null}
 */
export function unreachableReason(error) {
  let e = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const o = /** @type {Record<string, unknown>} */ (e);
    if (typeof o.code === 'string' && SOCKET_CODES.has(o.code)) return `connection failed (${o.code})`;
    if (typeof o.kind === 'string' && ADAPTER_KINDS.has(o.kind)) return `connection failed (${o.kind})`;
    const code = typeof o.originalCode === 'string' ? o.originalCode : o.code;
    if (typeof code === 'string' && (/^57P0[123]$/.test(code) || /^08/.test(code)))
      return `the server refused the connection (${code})`;
    // Not the message itself: it can name the server's address, and the 503 page is shown to anyone.
    if (typeof o.message === 'string' && MESSAGES.test(o.message)) return 'connection closed or not opened';
    e = o.cause;
  }
  return null;
}

/**
 * A query failed: when it was for want of the database, this process marks it unavailable (once) and probes
 * it until it answers.
 * @param {unknown} error
 */
export function noteQueryError(error) {
  const reason = unreachableReason(error);
  if (!reason) return;
  const s = state();
  if (!s.outage) {
    s.outage = { since: new Date(), reason };
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    console.error(`database unavailable: ${reason} (${detail}); answering 503 until it is back`);
  }
  if (!s.probing && s.probe) {
    const probe = s.probe;
    s.probing = setInterval(() => void probe().then(noteQueryOk, () => undefined), PROBE_MS);
    s.probing.unref();
  }
}

/** A query reached the database: any outage is over. */
export function noteQueryOk() {
  const s = state();
  if (s.probing) clearInterval(s.probing);
  s.probing = null;
  if (s.outage) {
    const seconds = Math.round((Date.now() - s.outage.since.getTime()) / 1000);
    console.log(`database available again after ${seconds} s`);
  }
  s.outage = null;
}

/**
 * How this process checks, during an outage, whether the database is back (a connection and SELECT 1, made
 * apart from the pool the queries wait in).
 * @param {() => Promise<void>} probe
 */
export function setDatabaseProbe(probe) {
  state().probe = probe;
}
