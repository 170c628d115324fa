import 'server-only';
import { config } from '@/lib/config';
import { openDatabase } from '@/lib/db-adapter';
import { PrismaClient } from '@/lib/generated/prisma/client';

// One client per process. Kept on globalThis because Next bundles instrumentation, pages and route
// handlers separately: module state is not shared between them, and PGlite must be opened only once.
const globalForDb = globalThis as unknown as { fleetpaneDb?: PrismaClient };

function client(): PrismaClient {
  if (!globalForDb.fleetpaneDb) {
    const { adapter } = openDatabase(config().database);
    // FLEETPANE_LOG_QUERIES=1 prints one line per query: the page benchmark counts queries per render.
    const logQueries = process.env.FLEETPANE_LOG_QUERIES === '1';
    const client = new PrismaClient({ adapter, log: logQueries ? [{ emit: 'event', level: 'query' }] : [] });
    if (logQueries) client.$on('query' as never, () => console.log('fleetpane:db-query'));
    globalForDb.fleetpaneDb = client;
  }
  return globalForDb.fleetpaneDb;
}

// Opened on first use, not on import: `next build` imports route modules in several processes, and an
// embedded database must never be opened by more than one.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value: unknown = Reflect.get(real, property);
    return typeof value === 'function' ? value.bind(real) : value;
  },
});
