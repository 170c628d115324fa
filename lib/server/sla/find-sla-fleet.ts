import 'server-only';
import { canSeeMoney } from '@/lib/server/auth/roles';
import type { Viewer } from '@/lib/server/auth/roles';
import { db } from '@/lib/server/db/client';
import { sumMoney } from '@/lib/sla/money';
import {
  alertLevel,
  burnAlerts,
  errorBudget,
  isBelow,
  minutesBetween,
  monthCredit,
  monthStartUtc,
  nextMonthUtc,
} from '@/lib/sla/sla-math';
import { readCreditSchedule } from '@/lib/sla/sla-terms';
import { countBurnWindows, countHealthDays, countHealthMonths, countsOf, utcDay } from './count-health';
import { contractMonthlyTotal } from './contract-total';
import { creditFacts } from './hide-money';
import { periodSla } from './period-sla';
import type { RenewalRow, SlaFleet, SlaRow } from '@/lib/sla/dto';

export const slaSortValues = ['name', 'budget', 'availability', 'renewal'] as const;
export type SlaSort = (typeof slaSortValues)[number];
/** `viewer` decides, chain by chain, whether the credit amounts are in (canSeeMoney). */
export type SlaFleetQuery = { managerId: string | null; viewer: Viewer; sort: SlaSort; page: number; size: number };

const DAY_MS = 86_400_000;
const RENEWAL_DAYS = 90;

/** The last 30 days: the 30 UTC days ending today, today included. */
export function last30DaysStart(now: Date): Date {
  return new Date(utcDay(now).getTime() - 29 * DAY_MS);
}

/**
 * SLA health of the chains in scope (a manager's, or all): month figures for every chain (cheap, from the
 * daily rollup, so the fleet can be sorted by budget), burn rates for the page's rows, and renewals.
 */
export async function findSlaFleet(query: SlaFleetQuery, now = new Date()): Promise<SlaFleet> {
  const where = { decommissionedAt: null, ...(query.managerId ? { accountManagerId: query.managerId } : {}) };
  const chains = await db.chain.findMany({
    where,
    select: {
      id: true,
      slug: true,
      name: true,
      accountManagerId: true,
      tier: { select: { key: true, name: true, availabilityTarget: true } },
      accountManager: { select: { name: true } },
      contract: {
        select: {
          endDate: true,
          startDate: true,
          monthlyPrice: true,
          upgrades: true,
          creditSchedule: true,
          currency: true,
        },
      },
      findings: { select: { direction: true } },
      deployment: { select: { refreshedAt: true } },
    },
    orderBy: { name: 'asc' },
  });
  const ids = chains.map((c) => c.id);
  const monthStart = monthStartUtc(now);
  const monthMinutes = minutesBetween(monthStart, nextMonthUtc(now));
  const [month, last30] = await Promise.all([
    countHealthDays(ids, monthStart, now),
    countHealthDays(ids, last30DaysStart(now), now),
  ]);

  const rows = chains.map((c) => {
    const targetPct = c.tier.availabilityTarget.toNumber();
    const counts = countsOf(month, c.id);
    const credit = c.contract
      ? monthCredit(readCreditSchedule(c.contract.creditSchedule), counts, contractMonthlyTotal(c.contract))
      : monthCredit([], counts, '0.00');
    const monthSla = {
      ...periodSla(counts, monthStart, now),
      budget: errorBudget(targetPct, monthMinutes, counts),
    };
    const money = canSeeMoney(query.viewer, c);
    const row: SlaRow = {
      ...(money
        ? { moneyHidden: false, month: { ...monthSla, credit: { ...credit, currency: c.contract?.currency ?? 'USD' } } }
        : { moneyHidden: true, month: { ...monthSla, credit: creditFacts(credit) } }),
      slug: c.slug,
      name: c.name,
      tier: { key: c.tier.key, name: c.tier.name, targetPct },
      accountManager: c.accountManager?.name ?? null,
      last30Days: periodSla(countsOf(last30, c.id), last30DaysStart(now), now),
      alert: null,
      burn1h: null,
      contractEnd: c.contract?.endDate.toISOString().slice(0, 10) ?? null,
      findings: {
        read: !!c.deployment?.refreshedAt,
        under: c.findings.filter((f) => f.direction === 'under').length,
        over: c.findings.filter((f) => f.direction === 'over').length,
      },
    };
    return { id: c.id, row, below: counts.measured > 0 && isBelow(counts, targetPct) };
  });

  const order: Record<SlaSort, (a: SlaRow, b: SlaRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    budget: (a, b) => a.month.budget.leftShare - b.month.budget.leftShare,
    availability: (a, b) => (a.month.availability ?? 2) - (b.month.availability ?? 2),
    renewal: (a, b) => (a.contractEnd ?? '9999').localeCompare(b.contractEnd ?? '9999'),
  };
  const sorted = [...rows].sort((a, b) => order[query.sort](a.row, b.row) || a.row.name.localeCompare(b.row.name));
  const pageRows = sorted.slice((query.page - 1) * query.size, query.page * query.size);
  const burn = await countBurnWindows(
    pageRows.map((r) => r.id),
    now,
  );
  for (const r of pageRows) {
    const alerts = burnAlerts(r.row.tier.targetPct, burn.get(r.id) ?? new Map());
    r.row.alert = alertLevel(alerts);
    r.row.burn1h = alerts[0]!.longRate;
  }

  return {
    scope: query.managerId ? 'mine' : 'all',
    rows: pageRows.map((r) => r.row),
    total: rows.length,
    page: query.page,
    size: query.size,
    totals: {
      chains: rows.length,
      belowTarget: rows.filter((r) => r.below).length,
      // Paging and ticketing are known for the page's rows; the month's figures for all.
      paging: pageRows.filter((r) => r.row.alert === 'page').length,
      ticketing: pageRows.filter((r) => r.row.alert === 'ticket').length,
      unmeasured: rows.filter((r) => r.row.month.availability === null).length,
    },
    renewals: await findRenewals(chains, query.viewer, now),
  };
}

type RenewalChain = {
  id: string;
  slug: string;
  name: string;
  accountManagerId: string | null;
  tier: { name: string; availabilityTarget: { toNumber(): number } };
  accountManager: { name: string } | null;
  contract: {
    endDate: Date;
    startDate: Date;
    monthlyPrice: { toFixed(digits: number): string };
    upgrades: unknown;
    creditSchedule: unknown;
    currency: string;
  } | null;
};

/** Contracts ending in the next 90 days, each with its SLA record over the contract so far. */
async function findRenewals(chains: RenewalChain[], viewer: Viewer, now: Date): Promise<RenewalRow[]> {
  const today = utcDay(now);
  const horizon = new Date(today.getTime() + RENEWAL_DAYS * DAY_MS);
  const due = chains.filter((c) => c.contract && c.contract.endDate >= today && c.contract.endDate <= horizon);
  if (due.length === 0) return [];
  const earliest = new Date(Math.min(...due.map((c) => c.contract!.startDate.getTime())));
  const months = await countHealthMonths(
    due.map((c) => c.id),
    earliest,
  );
  return due
    .map((c) => {
      const contract = c.contract!;
      const targetPct = c.tier.availabilityTarget.toNumber();
      const list = (months.get(c.id) ?? []).filter((m) => m.month >= contract.startDate.toISOString().slice(0, 7));
      const schedule = readCreditSchedule(contract.creditSchedule);
      const total = {
        healthy: list.reduce((s, m) => s + m.healthy, 0),
        measured: list.reduce((s, m) => s + m.measured, 0),
      };
      const measured = list.filter((m) => m.measured > 0);
      const credits = () =>
        sumMoney(measured.map((m) => monthCredit(schedule, m, contractMonthlyTotal(contract)).amount));
      const row = {
        slug: c.slug,
        name: c.name,
        tier: c.tier.name,
        endDate: contract.endDate.toISOString().slice(0, 10),
        daysLeft: Math.round((contract.endDate.getTime() - today.getTime()) / DAY_MS),
        accountManager: c.accountManager?.name ?? null,
        availability: total.measured ? total.healthy / total.measured : null,
        monthsMeasured: measured.length,
        monthsMissed: measured.filter((m) => isBelow(m, targetPct)).length,
      };
      return canSeeMoney(viewer, c)
        ? { ...row, moneyHidden: false as const, credits: credits(), currency: contract.currency }
        : { ...row, moneyHidden: true as const };
    })
    .sort((a, b) => a.endDate.localeCompare(b.endDate));
}
