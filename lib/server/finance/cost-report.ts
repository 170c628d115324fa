import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { contractMonthlyTotal } from '@/lib/server/sla/contract-total';
import { countHealthMonths } from '@/lib/server/sla/count-health';
import { costRowCents, fromCentsRow } from '@/lib/finance/cost-math';
import type { Buckets } from '@/lib/finance/cost-math';
import type { CostRow } from '@/lib/finance/cost-row';
import { priceKey, toMicros } from '@/lib/finance/estimate-cost';
import type { Catalog } from '@/lib/finance/estimate-cost';
import { splitCents } from '@/lib/finance/split-cents';
import { monthCredit, monthKey, nextMonthUtc } from '@/lib/sla/sla-math';
import { readCreditSchedule } from '@/lib/sla/sla-terms';
import { divideHalfAwayFromZero } from '@/lib/round';
import { toCents } from '@/lib/sla/money';
import { bucketOf, estimateMonth, roundToCents } from './estimate-month';

export type CostReportQuery = {
  /** First and last month (UTC month starts), inclusive. */
  from: Date;
  to: Date;
  /** An account manager's scope: only their chains. Null: the whole fleet. */
  managerId: string | null;
  chain?: string;
};

// Chains are read and priced in chunks, so a report of 2,000 chains × 24 months streams at a bounded memory.
const CHUNK = 250;

const chainSelect = {
  id: true,
  slug: true,
  name: true,
  region: true,
  createdAt: true,
  decommissionedAt: true,
  tier: { select: { key: true } },
  contract: {
    select: {
      startDate: true,
      endDate: true,
      monthlyPrice: true,
      upgrades: true,
      creditSchedule: true,
      currency: true,
      marginTargetPct: true,
    },
  },
  deployment: {
    select: {
      databaseKind: true,
      appInstanceId: true,
      dbClass: true,
      multiAz: true,
      allocatedStorageGb: true,
      appInstanceType: true,
      recentSnapshots: true,
      sharedDbInstance: { select: { dbInstanceIdentifier: true } },
    },
  },
} satisfies Prisma.ChainSelect;
type ReportChain = Prisma.ChainGetPayload<{ select: typeof chainSelect }>;

export async function loadCatalog(): Promise<Catalog> {
  const rows = await db.priceItem.findMany({ select: { kind: true, region: true, sku: true, unitPrice: true } });
  return new Map(rows.map((r) => [priceKey(r.kind as never, r.region, r.sku), r.unitPrice.toFixed(6)]));
}

/** An amount in a contract's currency → USD cents, at the catalog's rate, rounded half away from zero. */
function toUsdCents(amount: string, currency: string, catalog: Catalog): bigint {
  if (currency === 'USD') return toCents(amount);
  const rate = catalog.get(priceKey('fx', 'global', currency));
  if (!rate)
    throw new Error(
      `The price catalog has no exchange rate for ${currency} (kind fx, region global, sku ${currency}).`,
    );
  return divideHalfAwayFromZero(toCents(amount) * toMicros(rate), 1_000_000n);
}

function reportMonths(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let m = from; m <= to; m = nextMonthUtc(m)) out.push(m);
  return out;
}

type Lines = Map<string, Map<string, bigint>>; // "tag|YYYY-MM" → service → micros

async function loadLines(tags: string[], from: Date, to: Date): Promise<Lines> {
  const lines: Lines = new Map();
  if (tags.length === 0) return lines;
  const rows = await db.costLine.groupBy({
    by: ['tagValue', 'periodStart', 'service'],
    where: { granularity: 'month', periodStart: { gte: from, lte: to }, tagValue: { in: tags } },
    _sum: { amount: true },
  });
  for (const r of rows) {
    const key = `${r.tagValue}|${monthKey(r.periodStart)}`;
    const byService = lines.get(key) ?? new Map<string, bigint>();
    byService.set(r.service, (byService.get(r.service) ?? 0n) + toMicros(r._sum.amount?.toFixed(6) ?? '0'));
    lines.set(key, byService);
  }
  return lines;
}

/**
 * The report's rows, one per chain and month (chains by slug, months in order), then one untagged row per
 * month for a whole-fleet report. Money is exact and rounded once per row and column (README, Finance).
 */
export async function* costReportRows(query: CostReportQuery): AsyncGenerator<CostRow> {
  const catalog = await loadCatalog();
  const months = reportMonths(query.from, query.to);
  // A chain retired since the range began still has its months before retirement (and their costs).
  const where: Prisma.ChainWhereInput = {
    OR: [{ decommissionedAt: null }, { decommissionedAt: { gte: query.from } }],
    ...(query.managerId ? { accountManagerId: query.managerId } : {}),
    ...(query.chain ? { slug: query.chain } : {}),
  };
  let cursor: string | undefined;
  for (;;) {
    const chains = await db.chain.findMany({
      where: { ...where, ...(cursor ? { slug: { gt: cursor } } : {}) },
      select: chainSelect,
      orderBy: { slug: 'asc' },
      take: CHUNK,
    });
    if (chains.length === 0) break;
    cursor = chains.at(-1)!.slug;
    yield* chunkRows(chains, months, catalog);
    if (chains.length < CHUNK) break;
  }
  if (!query.managerId && !query.chain) {
    const untagged = await loadLines([''], query.from, query.to);
    for (const m of months) {
      const byService = untagged.get(`|${monthKey(m)}`);
      if (!byService) continue;
      const buckets: Buckets = { compute: 0n, database: 0n, other: 0n };
      for (const [service, micros] of byService) buckets[bucketOf(service)] += micros;
      yield fromCentsRow(
        {
          month: monthKey(m),
          chain: null,
          chainName: '(untagged)',
          tier: null,
          source: 'actual',
          marginTargetPct: null,
          incomplete: null,
        },
        costRowCents(
          {
            compute: roundToCents(buckets.compute),
            database: roundToCents(buckets.database),
            other: roundToCents(buckets.other),
          },
          0n,
          0n,
          0n,
        ),
      );
    }
  }
}

async function* chunkRows(chains: ReportChain[], months: Date[], catalog: Catalog): AsyncGenerator<CostRow> {
  const from = months[0]!;
  const to = months.at(-1)!;
  const sharedIds = [
    ...new Set(
      chains.flatMap((c) =>
        c.deployment?.sharedDbInstance ? [c.deployment.sharedDbInstance.dbInstanceIdentifier] : [],
      ),
    ),
  ];
  const [lines, health, members] = await Promise.all([
    loadLines([...chains.map((c) => c.slug), ...sharedIds.map((id) => `shared/${id}`)], from, to),
    countHealthMonths(
      chains.map((c) => c.id),
      from,
    ),
    db.deployment.findMany({
      where: { sharedDbInstance: { dbInstanceIdentifier: { in: sharedIds } }, chain: { decommissionedAt: null } },
      select: { chain: { select: { slug: true } }, sharedDbInstance: { select: { dbInstanceIdentifier: true } } },
    }),
  ]);
  // Every chain on a shared instance, by slug: the equal split gives the leftover cents in this order.
  const membersOf = new Map<string, string[]>();
  for (const m of members) {
    const id = m.sharedDbInstance!.dbInstanceIdentifier;
    membersOf.set(id, [...(membersOf.get(id) ?? []), m.chain.slug].sort());
  }

  for (const c of chains) {
    const d = c.deployment;
    // The contract's terms are read once per chain, not once per month.
    const k = c.contract;
    const total = k ? contractMonthlyTotal(k) : '0.00';
    const schedule = readCreditSchedule(k?.creditSchedule);
    const targetPct = k ? k.marginTargetPct.toNumber() : null;
    const shared = d?.sharedDbInstance?.dbInstanceIdentifier ?? null;
    const healthByMonth = new Map((health.get(c.id) ?? []).map((h) => [h.month, h]));
    for (const m of months) {
      const key = monthKey(m);
      const monthEnd = nextMonthUtc(m);
      const own = lines.get(`${c.slug}|${key}`);
      const sharedLines = shared ? lines.get(`shared/${shared}|${key}`) : undefined;
      if (!own && !sharedLines && c.createdAt >= monthEnd) continue; // not a customer yet, nothing billed
      if (!own && !sharedLines && c.decommissionedAt && c.decommissionedAt < m) continue; // retired, nothing billed

      const cents: Buckets = { compute: 0n, database: 0n, other: 0n };
      let sharedShare = 0n;
      let source: CostRow['source'] = 'actual';
      let incomplete: string | null = null;
      if (own || sharedLines) {
        const micros: Buckets = { compute: 0n, database: 0n, other: 0n };
        for (const [service, v] of own ?? []) micros[bucketOf(service)] += v;
        for (const b of ['compute', 'database', 'other'] as const) cents[b] = roundToCents(micros[b]);
        if (sharedLines && shared) {
          const group = membersOf.get(shared) ?? [c.slug];
          const index = Math.max(0, group.indexOf(c.slug));
          for (const [service, v] of sharedLines) {
            const part = splitCents(
              roundToCents(v),
              group.map(() => 1),
            )[index]!;
            cents[bucketOf(service)] += part;
            sharedShare += part;
          }
        }
      } else {
        source = 'estimated';
        const estimate = estimateMonth({
          region: c.region,
          createdAt: c.createdAt,
          month: m,
          monthEnd,
          deployment: d ?? null,
          shared: shared ? { chains: membersOf.get(shared)?.length ?? 1 } : null,
          catalog,
        });
        Object.assign(cents, estimate.cents);
        sharedShare = estimate.sharedShare;
        incomplete = estimate.incomplete;
      }

      const active = !!k && k.startDate < monthEnd && k.endDate >= m && !(c.decommissionedAt && c.decommissionedAt < m);
      const revenue = active ? toUsdCents(total, k.currency, catalog) : 0n;
      const counts = healthByMonth.get(key) ?? { healthy: 0, measured: 0 };
      const credit = active ? toUsdCents(monthCredit(schedule, counts, total).amount, k.currency, catalog) : 0n;
      yield fromCentsRow(
        {
          month: key,
          chain: c.slug,
          chainName: c.name,
          tier: c.tier.key,
          source,
          marginTargetPct: targetPct,
          incomplete,
        },
        costRowCents(cents, sharedShare, revenue, credit),
      );
    }
  }
}
