import 'server-only';
import { announceChange, onChange } from '@/lib/server/db/change-signal';

// The report over a range is computed from every chain and month in it (seconds at 2,000 chains × 24
// months) and changes only when costs are read, a contract or a price changes: kept a minute, and dropped
// by those writes in every process (lib/server/db/change-signal.ts).
const TTL_MS = 60_000;
const LIMIT = 50;
const state = globalThis as unknown as { fleetpaneFinanceCache?: Map<string, { at: number; value: Promise<unknown> }> };

export function cachedReport<T>(key: string, compute: () => Promise<T>): Promise<T> {
  if (!state.fleetpaneFinanceCache) onChange('finance', () => state.fleetpaneFinanceCache?.clear());
  const cache = (state.fleetpaneFinanceCache ??= new Map());
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  if (cache.size >= LIMIT) cache.clear();
  const value = compute();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Called after cost ingestion, contract and price changes. */
export function forgetFinanceCache(): Promise<void> {
  return announceChange('finance');
}
