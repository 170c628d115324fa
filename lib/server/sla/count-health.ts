import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { burnWindows } from '@/lib/sla/sla-math';
import type { SampleCounts } from '@/lib/sla/sla-math';

// Sample counts behind every SLA figure: per chain over days (from the daily rollup), per chain and month,
// and per chain over the burn-rate windows (from the samples). A constant number of queries per call.

const zero = (): SampleCounts => ({ healthy: 0, measured: 0 });

export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** The first UTC midnight at or after `at`. */
function ceilDay(at: Date): Date {
  const day = utcDay(at);
  return day.getTime() === at.getTime() ? day : new Date(day.getTime() + 86_400_000);
}

/**
 * Healthy and measured samples per chain over the UTC days from `from`'s day up to `to` (a day `to` falls
 * inside counts whole: its samples are all before `to` when `to` is now).
 */
export async function countHealthDays(chainIds: string[], from: Date, to: Date): Promise<Map<string, SampleCounts>> {
  if (chainIds.length === 0) return new Map();
  // The column is a date: a timestamp bound would be cast to its day, so the bounds are days.
  const rows = await db.healthDay.groupBy({
    by: ['chainId'],
    where: { chainId: { in: chainIds }, day: { gte: utcDay(from), lt: ceilDay(to) } },
    _sum: { healthy: true, measured: true },
  });
  return new Map(rows.map((r) => [r.chainId, { healthy: r._sum.healthy ?? 0, measured: r._sum.measured ?? 0 }]));
}

export type MonthCounts = SampleCounts & { month: string };

/** Per chain, per UTC month ("2026-11") from `from`: healthy and measured samples. */
export async function countHealthMonths(chainIds: string[], from: Date): Promise<Map<string, MonthCounts[]>> {
  if (chainIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ chainId: string; month: string; healthy: bigint; measured: bigint }[]>`
    SELECT "chainId", to_char("day", 'YYYY-MM') AS "month", sum("healthy")::bigint AS "healthy", sum("measured")::bigint AS "measured"
    FROM "HealthDay"
    WHERE "chainId" IN (${Prisma.join(chainIds)}) AND "day" >= ${utcDay(from)}
    GROUP BY 1, 2 ORDER BY 2`;
  const out = new Map<string, MonthCounts[]>();
  for (const r of rows) {
    const list = out.get(r.chainId) ?? [];
    list.push({ month: r.month, healthy: Number(r.healthy), measured: Number(r.measured) });
    out.set(r.chainId, list);
  }
  return out;
}

/**
 * Per chain, the burn-rate windows (5 min … 72 h) ending at its newest sample, so the collector's lag does
 * not empty the short windows. Chains without a sample in the last 72 h have no entry (nothing measured).
 */
export async function countBurnWindows(
  chainIds: string[],
  now = new Date(),
): Promise<Map<string, Map<number, SampleCounts>>> {
  if (chainIds.length === 0) return new Map();
  const longest = Math.max(...burnWindows);
  // Window lengths are our own constants, not input: safe to write into the statement.
  const filters = burnWindows
    .map(
      (w) =>
        `count(*) FILTER (WHERE s."at" > l."t" - interval '${w} minutes') AS "m${w}", count(*) FILTER (WHERE s."at" > l."t" - interval '${w} minutes' AND s."value" >= 1) AS "h${w}"`,
    )
    .join(', ');
  const since = new Date(now.getTime() - longest * 60_000);
  const rows = await db.$queryRaw<Record<string, string | bigint>[]>`
    WITH l AS (
      SELECT "chainId", max("at") AS "t" FROM "HealthSample"
      WHERE "chainId" IN (${Prisma.join(chainIds)}) AND "at" > ${since} GROUP BY 1
    )
    SELECT s."chainId", ${Prisma.raw(filters)}
    FROM "HealthSample" s JOIN l ON l."chainId" = s."chainId"
    WHERE s."at" > l."t" - ${Prisma.raw(`interval '${longest} minutes'`)}
    GROUP BY 1`;
  return new Map(
    rows.map((r) => [
      String(r.chainId),
      new Map(burnWindows.map((w) => [w, { healthy: Number(r[`h${w}`]), measured: Number(r[`m${w}`]) }] as const)),
    ]),
  );
}

export function countsOf(map: Map<string, SampleCounts>, chainId: string): SampleCounts {
  return map.get(chainId) ?? zero();
}
