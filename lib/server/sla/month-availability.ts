import 'server-only';
import { db } from '@/lib/server/db/client';

export type Availability = {
  /** Healthy share of the measured 5-minute samples, 0..1; null when nothing was measured. */
  value: number | null;
  /** Measured samples against the samples the month has had so far, 0..1. */
  measuredShare: number;
};

const SAMPLE_MS = 5 * 60_000;

export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** The current UTC month's availability per chain, from the daily rollup (one query). */
export async function findMonthAvailability(
  chainIds: string[] | 'all',
  now = new Date(),
): Promise<Map<string, Availability>> {
  const start = monthStart(now);
  const rows = await db.healthDay.groupBy({
    by: ['chainId'],
    where: { day: { gte: start }, ...(chainIds === 'all' ? {} : { chainId: { in: chainIds } }) },
    _sum: { healthy: true, measured: true },
  });
  const expected = Math.max(1, Math.floor((now.getTime() - start.getTime()) / SAMPLE_MS));
  return new Map(
    rows.map((r) => {
      const measured = r._sum.measured ?? 0;
      return [
        r.chainId,
        { value: measured ? (r._sum.healthy ?? 0) / measured : null, measuredShare: Math.min(1, measured / expected) },
      ];
    }),
  );
}
