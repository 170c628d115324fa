import 'server-only';
import { canSeeMoney } from '@/lib/server/auth/roles';
import type { Viewer } from '@/lib/server/auth/roles';
import { db } from '@/lib/server/db/client';
import { errorBudget, isBelow, minutesBetween, monthCredit, monthKey, nextMonthUtc } from '@/lib/sla/sla-math';
import type { ErrorBudget, MonthCredit } from '@/lib/sla/sla-math';
import { readCreditSchedule } from '@/lib/sla/sla-terms';
import { countHealthDays, countsOf } from './count-health';
import { contractMonthlyTotal } from './contract-total';
import { findConformance } from './find-conformance';
import type { CreditFacts, FindingDto, WithMoney } from '@/lib/sla/dto';
import { creditFacts } from './hide-money';
import { findIncidentsBetween } from './find-chain-sla';
import { periodSla } from './period-sla';
import type { IncidentDto, PeriodSla } from '@/lib/sla/dto';

type SlaReportOf<Credit> = {
  chain: { slug: string; name: string; region: string };
  month: string;
  /** True while the month is still running: figures are so far. */
  partial: boolean;
  tier: { name: string; targetPct: number };
  sli: PeriodSla;
  targetMet: boolean | null;
  budget: ErrorBudget;
  credit: Credit;
  incidents: IncidentDto[];
  /** Only the customer's risks: "over" findings are our own margin, not the customer's business. */
  findings: FindingDto[];
  generatedAt: string;
};
/** The report with the credit's amount and the fee it is a share of, or (for whoever may not see money) without. */
export type SlaReport = WithMoney<
  SlaReportOf<MonthCredit & { base: string; currency: string }>,
  SlaReportOf<CreditFacts>
>;

/** The customer-facing SLA report of one chain for one UTC month. */
export async function findSlaReport(
  slug: string,
  monthStart: Date,
  viewer: Viewer,
  now = new Date(),
): Promise<SlaReport | null> {
  const c = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: {
      id: true,
      slug: true,
      name: true,
      region: true,
      accountManagerId: true,
      tier: { select: { name: true, availabilityTarget: true } },
      contract: { select: { monthlyPrice: true, upgrades: true, creditSchedule: true, currency: true } },
    },
  });
  if (!c) return null;
  const monthEnd = nextMonthUtc(monthStart);
  const until = now < monthEnd ? now : monthEnd;
  const targetPct = c.tier.availabilityTarget.toNumber();
  const [counts, incidents, conformance] = await Promise.all([
    countHealthDays([c.id], monthStart, monthEnd),
    findIncidentsBetween(c.id, monthStart, monthEnd),
    findConformance([c.id], now),
  ]);
  const mc = countsOf(counts, c.id);
  const base = c.contract ? contractMonthlyTotal(c.contract) : '0.00';
  const credit = monthCredit(readCreditSchedule(c.contract?.creditSchedule), mc, base);
  const report = {
    chain: { slug: c.slug, name: c.name, region: c.region },
    month: monthKey(monthStart),
    partial: now < monthEnd,
    tier: { name: c.tier.name, targetPct },
    sli: periodSla(mc, monthStart, until),
    targetMet: mc.measured ? !isBelow(mc, targetPct) : null,
    budget: errorBudget(targetPct, minutesBetween(monthStart, monthEnd), mc),
    incidents,
    findings: (conformance.get(c.id)?.findings ?? []).filter((f) => f.direction === 'under'),
    generatedAt: now.toISOString(),
  };
  return canSeeMoney(viewer, c)
    ? { ...report, moneyHidden: false, credit: { ...credit, base, currency: c.contract?.currency ?? '' } }
    : { ...report, moneyHidden: true, credit: creditFacts(credit) };
}
