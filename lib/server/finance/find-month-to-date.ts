import 'server-only';
import { microsToMoney, toMicros } from '@/lib/finance/estimate-cost';
import type { MonthToDate } from '@/lib/finance/dto';
import { db } from '@/lib/server/db/client';

/** This month's cost so far as Cost Explorer's daily figures have it (before any monthly figure exists). */
export async function findMonthToDate(slug: string, now = new Date()): Promise<MonthToDate | null> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const rows = await db.costLine.groupBy({
    by: ['periodStart'],
    where: { granularity: 'day', tagValue: slug, periodStart: { gte: start } },
    _sum: { amount: true },
  });
  if (rows.length === 0) return null;
  const micros = rows.reduce((sum, r) => sum + toMicros(r._sum.amount?.toFixed(6) ?? '0'), 0n);
  return { amount: microsToMoney(micros), days: rows.length };
}
