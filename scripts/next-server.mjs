// One dashboard server process (scripts/serve.ts runs FLEETPANE_WEB_PROCESSES of them behind one port):
// Next's request handler behind node:http, instead of `next start`, for one reason: `next start` passes a
// client-sent X-Forwarded-For on, and the socket's address is then lost. Here every request carries the
// socket's peer in a private header (client-address.ts's PEER_HEADER), written over any copy the client
// sent, and the app decides from it whether X-Forwarded-For may be believed. Plain JavaScript: no tsx.
// Usage: node scripts/next-server.mjs <host> <port>
import http from 'node:http';
import path from 'node:path';
import { databaseOutage } from '../lib/database-outage.mjs';
import { answerUnavailable, answerUnavailableOnFailure } from './lib/database-unavailable.mjs';

const PEER_HEADER = 'x-fleetpane-peer';
const [hostname = '127.0.0.1', portArg = '3000'] = process.argv.slice(2);
const port = Number(portArg);
process.env.NODE_ENV = 'production';
// As `next start` names its process: the page benchmark finds the server processes by it (bench/lib/bench-app.ts).
process.title = 'next-server';

const { default: next } = await import('next');
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, '..'), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  // Node lower-cases header names and joins repeats, so one delete removes every client-sent copy.
  delete req.headers[PEER_HEADER];
  if (req.socket.remoteAddress) req.headers[PEER_HEADER] = req.socket.remoteAddress;
  // The database known to be unreachable: answered at once, nothing rendered (static files need none).
  const outage = databaseOutage();
  if (outage && !req.url?.startsWith('/_next/static/')) return answerUnavailable(req, res, outage);
  answerUnavailableOnFailure(req, res);
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.listen(port, hostname, () => console.log(`Ready on http://${hostname}:${port} (pid ${process.pid})`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
