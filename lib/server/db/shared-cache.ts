import 'server-only';
import { onChange } from './change-signal';
import type { ChangeTopic } from './change-signal';

// What many viewers read alike (a fleet page, a finance report), computed once and kept a short while in this
// process, so more viewers do not mean more database work. Dropped in every process when its topic changes
// (change-signal.ts); a computation that fails is not kept.

type Entry = { at: number; value: Promise<unknown> };
// On globalThis: Next bundles pages and route handlers separately, and they must share one cache per topic.
const state = globalThis as unknown as { fleetpaneSharedCaches?: Map<string, Map<string, Entry>> };

function cacheFor(topic: ChangeTopic): Map<string, Entry> {
  const caches = (state.fleetpaneSharedCaches ??= new Map());
  let cache = caches.get(topic);
  if (!cache) {
    const created = new Map<string, Entry>();
    caches.set(topic, created);
    onChange(topic, () => created.clear());
    cache = created;
  }
  return cache;
}

/** A cache for one topic: entries live ttlMs; past `limit` entries it starts over. */
export function sharedCache(topic: ChangeTopic, options: { ttlMs: number; limit: number }) {
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const cache = cacheFor(topic);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < options.ttlMs) return hit.value as Promise<T>;
    if (cache.size >= options.limit) cache.clear();
    const value = compute();
    cache.set(key, { at: Date.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  };
}
