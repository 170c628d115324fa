import type { BurnAlert, ErrorBudget, MonthCredit } from '@/lib/sla/sla-math';
import type { ConformanceDto } from './find-conformance';

// What the SLA pages and API hand out. Fractions are 0..1; minutes are minutes; money is a decimal string.

export type PeriodSla = {
  availability: number | null;
  /** Measured minutes against the period's elapsed minutes, 0..1: the rest is unmeasured. */
  measuredShare: number;
  healthyMinutes: number;
  measuredMinutes: number;
  unmeasuredMinutes: number;
};

export type SlaRow = {
  slug: string;
  name: string;
  tier: { key: string; name: string; targetPct: number };
  accountManager: string | null;
  month: PeriodSla & { budget: ErrorBudget; credit: MonthCredit & { currency: string } };
  last30Days: PeriodSla;
  alert: 'page' | 'ticket' | null;
  burn1h: number | null;
  contractEnd: string | null;
  findings: { under: number; over: number };
};

export type RenewalRow = {
  slug: string;
  name: string;
  tier: string;
  endDate: string;
  daysLeft: number;
  accountManager: string | null;
  /** Over the contract so far. */
  availability: number | null;
  monthsMeasured: number;
  monthsMissed: number;
  credits: string;
  currency: string;
};

export type SlaFleet = {
  scope: 'mine' | 'all';
  rows: SlaRow[];
  total: number;
  page: number;
  size: number;
  totals: { chains: number; belowTarget: number; paging: number; ticketing: number; unmeasured: number };
  renewals: RenewalRow[];
};

export type SlaMonth = PeriodSla & {
  month: string;
  targetMet: boolean | null;
  credit: MonthCredit;
};

export type IncidentDto = { start: string; end: string | null; badMinutes: number; worst: number };

export type ChainSla = {
  slug: string;
  name: string;
  tier: { key: string; name: string; targetPct: number };
  accountManager: { id: string; name: string } | null;
  contract: {
    startDate: string;
    endDate: string;
    monthlyPrice: string;
    monthlyTotal: string;
    currency: string;
    marginTargetPct: string;
    upgrades: { key: string; name: string; monthlyPrice: string; quantity?: number }[];
    creditSchedule: { below: number; creditPct: number }[];
    version: number;
  } | null;
  month: PeriodSla & { budget: ErrorBudget; credit: MonthCredit };
  last30Days: PeriodSla;
  burn: BurnAlert[];
  alert: 'page' | 'ticket' | null;
  months: SlaMonth[];
  /** Remaining error budget at the end of each UTC day of this month (minutes). */
  budgetByDay: { day: string; leftMinutes: number; budgetMinutes: number }[];
  incidents: IncidentDto[];
  conformance: ConformanceDto;
};
