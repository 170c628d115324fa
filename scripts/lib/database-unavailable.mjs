// @ts-check
// What the server answers while its database cannot be reached (lib/database-outage.mjs says when): pages get
// a small "Database unavailable" page that tries again by itself, the API a JSON error, both 503 with
// Retry-After, never a 500 or a page drawn from nothing. Two ways in: a request that arrives during a known
// outage is answered at once, and a request whose own query found the outage (Next was about to answer 500)
// has that answer replaced by this one. Plain JavaScript, for scripts/next-server.mjs.
import { databaseOutage, RETRY_AFTER_SECONDS } from '../../lib/database-outage.mjs';
import { staticSecurityHeaders } from '../../lib/security-headers.mjs';

// Nothing to load: the page is its own text and an inline style.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** @param {string} text */
const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('../../lib/database-outage.mjs').DatabaseOutage} outage
 * @returns {{ headers: Record<string, string>, body: string }}
 */
function unavailableAnswer(req, outage) {
  const since = `${outage.since.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const headers = /** @type {Record<string, string>} */ ({
    'retry-after': String(RETRY_AFTER_SECONDS),
    'cache-control': 'no-store',
    ...Object.fromEntries(staticSecurityHeaders.map((h) => [h.key.toLowerCase(), h.value])),
  });
  const message = `The database is unavailable (since ${since}: ${outage.reason}). Nothing was changed; try again in ${RETRY_AFTER_SECONDS} seconds.`;
  if (req.url?.startsWith('/api/') || req.headers['next-action']) {
    return {
      headers: { ...headers, 'content-type': 'application/json', 'content-security-policy': "default-src 'none'" },
      body: JSON.stringify({ error: message }),
    };
  }
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>Database unavailable · Fleetpane</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.5rem}</style>
</head><body><main>
<h1>Database unavailable</h1>
<p>Fleetpane cannot reach its database since ${escapeHtml(since)} (${escapeHtml(outage.reason)}), so it shows nothing rather than something it did not read.</p>
<p>Operations already queued are kept in the database and go on when it is back. This page tries again every ${RETRY_AFTER_SECONDS} seconds.</p>
</main></body></html>`;
  return {
    headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP },
    body,
  };
}

/**
 * Answers the request 503 for the outage.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {import('../../lib/database-outage.mjs').DatabaseOutage} outage
 */
export function answerUnavailable(req, res, outage) {
  const { headers, body } = unavailableAnswer(req, outage);
  res.writeHead(503, headers).end(body);
}

/**
 * Replaces the response's 5xx by the 503 when the database became unavailable meanwhile: Next renders a
 * page whose query failed as an error (500); here it is what it is. The status is known before the first
 * byte (writeHead, or the implicit head of the first write or end), so nothing of Next's answer is sent.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerUnavailableOnFailure(req, res) {
  // Node's overloads, taken as plain functions: this wrapper only passes their arguments on.
  const writeHead = /** @type {(...args: unknown[]) => unknown} */ (res.writeHead);
  const write = /** @type {(...args: unknown[]) => boolean} */ (res.write);
  const end = /** @type {(...args: unknown[]) => unknown} */ (res.end);
  /** @type {string | null} */
  let replacement = null;
  /** @param {unknown} status */
  const replaced = (status) => {
    if (replacement !== null) return true;
    const outage = Number(status) >= 500 && !res.headersSent ? databaseOutage() : null;
    if (!outage) return false;
    const answer = unavailableAnswer(req, outage);
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    writeHead.call(res, 503, answer.headers);
    replacement = answer.body;
    return true;
  };
  /** @param {unknown[]} args */
  const onWriteHead = (...args) => (replaced(args[0]) ? res : writeHead.apply(res, args));
  /** @param {unknown[]} args */
  const onWrite = (...args) => (replaced(res.statusCode) ? true : write.apply(res, args));
  /** @param {unknown[]} args */
  const onEnd = (...args) =>
    replaced(res.statusCode)
      ? end.call(
          res,
          replacement ?? '',
          args.find((a) => typeof a === 'function'),
        )
      : end.apply(res, args);
  res.writeHead = /** @type {typeof res.writeHead} */ (/** @type {unknown} */ (onWriteHead));
  res.write = /** @type {typeof res.write} */ (/** @type {unknown} */ (onWrite));
  res.end = /** @type {typeof res.end} */ (/** @type {unknown} */ (onEnd));
}
