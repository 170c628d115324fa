import 'server-only';
import { sharedCache } from '@/lib/server/db/shared-cache';

// The report over a range is computed from every chain and month in it (seconds at 2,000 chains × 24
// months) and changes only when costs are read, a contract or a price changes: kept a minute, and dropped
// by those writes in every process (they announce the 'finance' topic).
const cache = sharedCache('finance', { ttlMs: 60_000, limit: 50 });

export function cachedReport<T>(key: string, compute: () => Promise<T>): Promise<T> {
  return cache(key, compute);
}
