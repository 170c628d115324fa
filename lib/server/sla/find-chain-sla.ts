import 'server-only';
import { roundHalfAwayFromZero } from '@/lib/round';
import { canSeeMoney } from '@/lib/server/auth/roles';
import type { Viewer } from '@/lib/server/auth/roles';
import { db } from '@/lib/server/db/client';
import { findIncidents } from '@/lib/sla/incidents';
import {
  alertLevel,
  burnAlerts,
  errorBudget,
  isBelow,
  minutesBetween,
  monthCredit,
  monthKey,
  monthStartUtc,
  nextMonthUtc,
} from '@/lib/sla/sla-math';
import { readCreditSchedule, readUpgrades, upgradeNames } from '@/lib/sla/sla-terms';
import { countBurnWindows, countHealthDays, countHealthMonths, countsOf } from './count-health';
import { contractMonthlyTotal } from './contract-total';
import { historyProgress } from '@/lib/server/fleet/backfill-health';
import { findConformance } from './find-conformance';
import { creditFacts, slaContractTerms } from './hide-money';
import { last30DaysStart } from './find-sla-fleet';
import { periodSla } from './period-sla';
import type { ChainSla, IncidentDto, SlaMonth } from '@/lib/sla/dto';

const INCIDENT_DAYS = 90;

/** Incidents of one chain in [from, to), from its samples. */
export async function findIncidentsBetween(chainId: string, from: Date, to: Date): Promise<IncidentDto[]> {
  const points = await db.healthSample.findMany({
    where: { chainId, at: { gte: from, lt: to } },
    select: { at: true, value: true },
    orderBy: { at: 'asc' },
  });
  return findIncidents(points).map((i) => ({
    start: i.start.toISOString(),
    end: i.end?.toISOString() ?? null,
    badMinutes: i.badMinutes,
    worst: i.worst,
  }));
}

/**
 * One chain's SLA health: this month, the last 30 days, each month of its contract, burn, incidents,
 * conformance; its money (prices, credit amounts) only for a viewer who may see it.
 */
export async function findChainSla(slug: string, viewer: Viewer, now = new Date()): Promise<ChainSla | null> {
  const c = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: {
      id: true,
      slug: true,
      name: true,
      createdAt: true,
      healthHistoryFrom: true,
      tier: { select: { key: true, name: true, availabilityTarget: true } },
      accountManager: { select: { id: true, name: true } },
      contract: {
        select: {
          startDate: true,
          endDate: true,
          monthlyPrice: true,
          currency: true,
          marginTargetPct: true,
          upgrades: true,
          creditSchedule: true,
          version: true,
        },
      },
    },
  });
  if (!c) return null;
  const targetPct = c.tier.availabilityTarget.toNumber();
  const monthStart = monthStartUtc(now);
  const monthMinutes = minutesBetween(monthStart, nextMonthUtc(now));
  const historyFrom =
    c.contract && c.contract.startDate > c.createdAt ? c.contract.startDate : monthStartUtc(c.createdAt);
  const [month, last30, burn, months, days, incidents, conformance] = await Promise.all([
    countHealthDays([c.id], monthStart, now),
    countHealthDays([c.id], last30DaysStart(now), now),
    countBurnWindows([c.id], now),
    countHealthMonths([c.id], historyFrom),
    db.healthDay.findMany({
      where: { chainId: c.id, day: { gte: monthStart } },
      select: { day: true, healthy: true, measured: true },
      orderBy: { day: 'asc' },
    }),
    findIncidentsBetween(c.id, new Date(now.getTime() - INCIDENT_DAYS * 86_400_000), now),
    findConformance([c.id], now),
  ]);
  const schedule = readCreditSchedule(c.contract?.creditSchedule);
  const monthlyTotal = c.contract ? contractMonthlyTotal(c.contract) : '0.00';
  const counts = countsOf(month, c.id);
  const alerts = burnAlerts(targetPct, burn.get(c.id) ?? new Map());

  const byMonth = new Map((months.get(c.id) ?? []).map((m) => [m.month, m]));
  const monthList: SlaMonth[] = [];
  for (let m = monthStartUtc(historyFrom); m <= monthStart; m = nextMonthUtc(m)) {
    const key = monthKey(m);
    const mc = byMonth.get(key) ?? { healthy: 0, measured: 0 };
    const end = key === monthKey(now) ? now : nextMonthUtc(m);
    monthList.push({
      month: key,
      ...periodSla(mc, m < historyFrom ? historyFrom : m, end),
      targetMet: mc.measured ? !isBelow(mc, targetPct) : null,
      credit: monthCredit(schedule, mc, monthlyTotal),
    });
  }

  let spent = 0;
  const budget = errorBudget(targetPct, monthMinutes, { healthy: 0, measured: 0 }).budgetMinutes;
  const budgetByDay = days.map((d) => {
    spent += (d.measured - d.healthy) * 5;
    return {
      day: d.day.toISOString().slice(0, 10),
      leftMinutes: roundHalfAwayFromZero(budget - spent, 6),
      budgetMinutes: budget,
    };
  });

  const full: ChainSla & { moneyHidden: false } = {
    moneyHidden: false,
    slug: c.slug,
    name: c.name,
    tier: { key: c.tier.key, name: c.tier.name, targetPct },
    accountManager: c.accountManager,
    contract: c.contract && {
      startDate: c.contract.startDate.toISOString().slice(0, 10),
      endDate: c.contract.endDate.toISOString().slice(0, 10),
      monthlyPrice: c.contract.monthlyPrice.toFixed(2),
      monthlyTotal,
      currency: c.contract.currency,
      marginTargetPct: c.contract.marginTargetPct.toFixed(2),
      upgrades: readUpgrades(c.contract.upgrades).map((u) => ({ ...u, name: upgradeNames[u.key] })),
      creditSchedule: schedule,
      version: c.contract.version,
    },
    month: {
      ...periodSla(counts, monthStart, now),
      budget: errorBudget(targetPct, monthMinutes, counts),
      credit: monthCredit(schedule, counts, monthlyTotal),
    },
    last30Days: periodSla(countsOf(last30, c.id), last30DaysStart(now), now),
    burn: alerts,
    alert: alertLevel(alerts),
    months: monthList.reverse(),
    budgetByDay,
    incidents: incidents.reverse(),
    conformance: conformance.get(c.id) ?? { ok: false, read: false, findings: [] },
    history: historyProgress(c, now),
  };
  if (canSeeMoney(viewer, { accountManagerId: c.accountManager?.id ?? null })) return full;
  return {
    ...full,
    moneyHidden: true,
    contract: full.contract && slaContractTerms(full.contract),
    month: { ...full.month, credit: creditFacts(full.month.credit) },
    months: full.months.map((m) => ({ ...m, credit: creditFacts(m.credit) })),
  };
}
