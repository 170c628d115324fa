// The dashboard's server: Next (scripts/next-server.mjs, `next start` plus the socket's address) in
// FLEETPANE_WEB_PROCESSES processes behind one port (HOST, PORT).
// Rendering a page is CPU-bound and a Node process renders on one core: with a PostgreSQL server the
// default is one process per core; the embedded database allows one. Used by npm start, the browser tests
// and the benchmarks, so all of them serve the app the same way.
import path from 'node:path';
import { config } from '../lib/config';
import { startProcessPool } from './lib/process-pool';

const root = path.resolve(import.meta.dirname, '..');

try {
  const { webProcesses } = config();
  const host = process.env.HOST ?? '127.0.0.1';
  const port = process.env.PORT ?? '3000';
  const pool = startProcessPool({
    exec: path.join(root, 'scripts/next-server.mjs'),
    args: [host, port],
    processes: webProcesses,
    env: { NEXT_TELEMETRY_DISABLED: '1' },
    onGiveUp: (reason) => {
      console.error(`\nThe dashboard stopped: ${reason}.\n`);
      process.exit(1);
    },
  });
  if (webProcesses > 1) console.log(`Serving with ${webProcesses} processes (FLEETPANE_WEB_PROCESSES).`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void pool.stop().then(() => process.exit(0)));
  }
} catch (error) {
  // A bad setting (lib/config.ts) in one sentence. Not ./lib/processes' exitOnError: its signal handlers
  // would end this process before the pool has stopped its servers.
  console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
