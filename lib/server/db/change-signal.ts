import 'server-only';
import pg from 'pg';
import { config } from '@/lib/config';
import { serverConnection } from '@/lib/db-adapter';
import { db } from './client';

// Several processes share one PostgreSQL database (FLEETPANE_WEB_PROCESSES, `npm run worker`), and each keeps
// its own short-lived caches of what it read. A process that changes what such a cache holds announces it
// (NOTIFY); every process listens and drops its copy, so no viewer waits out a cache for a change another
// process made. With the embedded database there is one process: the announcement stays in it.
// A writer announces a topic; the cache that holds that topic subscribes to it. No domain reaches into
// another's cache.

/**
 * What a change can make stale. fleet: the fleet views (the collector, tiers and contracts write it);
 * finance: the cost report (cost ingestion, contracts and prices write it).
 */
export type ChangeTopic = 'fleet' | 'finance';

const CHANNEL = 'fleetpane_changed';
const RETRY_MS = 2_000;

type Handler = () => void;
type SignalState = { handlers: Map<string, Set<Handler>>; listening?: boolean };
const state = globalThis as unknown as { fleetpaneSignal?: SignalState };

function signal(): SignalState {
  return (state.fleetpaneSignal ??= { handlers: new Map() });
}

function dispatch(topic: string): void {
  for (const handler of signal().handlers.get(topic) ?? []) handler();
}

function dispatchAll(): void {
  for (const topic of signal().handlers.keys()) dispatch(topic);
}

/** One connection per process that LISTENs, reconnecting after a failure (and dropping every cache then: it may have missed a change). */
function listen(): void {
  const s = signal();
  const database = config().database;
  if (s.listening || database.kind !== 'server') return;
  s.listening = true;
  const connect = async () => {
    const client = new pg.Client(serverConnection(database));
    let retried = false;
    const retry = () => {
      if (retried) return;
      retried = true;
      void client.end().catch(() => {});
      dispatchAll();
      setTimeout(() => void connect(), RETRY_MS).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) dispatch(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // A listening connection must not keep a script or a test process alive on its own.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    } catch {
      retry();
    }
  };
  void connect();
}

/** Calls handler whenever any process announces a change to topic (this one included). */
export function onChange(topic: ChangeTopic, handler: Handler): void {
  const handlers = signal().handlers;
  if (!handlers.has(topic)) handlers.set(topic, new Set());
  handlers.get(topic)!.add(handler);
  listen();
}

/** Tells every process (this one at once, the others through the database) that topic changed. */
export async function announceChange(topic: ChangeTopic): Promise<void> {
  dispatch(topic);
  if (config().database.kind === 'server') await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${topic})`;
}
