import 'server-only';
import { acquireLease } from '@/lib/server/db/lease';

// The collector's lease: one pass at a time across processes, whoever starts it (the scheduler's
// collector job, "Refresh now", an operation's refresh of its chain).

export function acquireCollectorLease(): Promise<(() => Promise<void>) | null> {
  return acquireLease('collector');
}
