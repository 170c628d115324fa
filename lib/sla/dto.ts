// What the SLA pages and API hand out, on the server and in client components alike: plain data, never
// Prisma models. Fractions are 0..1; minutes are minutes; money is a decimal string. Where the read API
// answers with a shape, its zod schema is here and the type is inferred from it (the OpenAPI document is
// generated from the same schema). Client components import types only: the schemas stay on the server.
import { z } from 'zod';
import { conformanceRules, fixOperations } from './conformance';
import type { BurnAlert, ErrorBudget, MonthCredit } from './sla-math';
import type { CreditSchedule, UpgradeKey } from './sla-terms';
import { upgradeKeys } from './sla-terms';

const isoDate = z.string().describe('ISO 8601 date-time, UTC');

const findingSchema = z.object({
  rule: z.enum(conformanceRules),
  direction: z
    .enum(['under', 'over'])
    .describe('under: SLA or compliance risk; over: more than the contract pays for (margin leak)'),
  title: z.string(),
  promised: z.string(),
  deployed: z.string(),
  since: isoDate.nullable().describe('First seen by the collector; null when found by an edit since the last pass'),
  fix: z.enum(fixOperations).nullable().describe('The operation that fixes it, if any'),
});
export type FindingDto = z.infer<typeof findingSchema>;

export const conformanceSchema = z
  .object({
    ok: z.boolean().describe('True when the deployment was read and no finding is open'),
    read: z
      .boolean()
      .describe('False until the collector has read the deployment: nothing is known of it, ok is false'),
    findings: z.array(findingSchema),
  })
  .meta({ id: 'Conformance' });
export type ConformanceDto = z.infer<typeof conformanceSchema>;

export const contractSchema = z.object({
  tier: z.string(),
  startDate: z.string().describe('YYYY-MM-DD'),
  endDate: z.string().describe('YYYY-MM-DD'),
  monthlyPrice: z.string().describe('Decimal string, two decimals'),
  currency: z.string().length(3),
  marginTargetPct: z.string(),
  upgrades: z.array(
    z.object({ key: z.enum(upgradeKeys), monthlyPrice: z.string(), quantity: z.number().int().optional() }),
  ),
  creditSchedule: z
    .array(z.object({ below: z.number(), creditPct: z.number() }))
    .describe('Availability % below which the credit % of the month applies; highest threshold first'),
  version: z.number().int().describe('Send it back with an edit; an edit of an older version gets 409'),
  updatedAt: isoDate,
});

/** The whole contract, money included: the contract API's shape (money viewers only, or 403). */
export type ContractDto = z.infer<typeof contractSchema>;

/**
 * Money (DESIGN.md, Roles): contract and upgrade prices, monthly totals, credit amounts, revenue, cost and
 * margin are for admins, finance and the chain's own account manager. A DTO for anyone else leaves them out
 * and says so with `moneyHidden: true`, so a page must branch on it before it can reach a figure.
 */
export type WithMoney<Full, Hidden> = (Full & { moneyHidden: false }) | (Hidden & { moneyHidden: true });

/** Said wherever money is left out, rather than a 0 or a blank. */
export const MONEY_HIDDEN_NOTE =
  'Prices and credit amounts are visible to finance, admins and this chain\u2019s account manager.';

/** A contract's terms without its money: tier, term, which upgrades, the credit thresholds. */
export type ContractTermsDto = Omit<ContractDto, 'monthlyPrice' | 'marginTargetPct' | 'upgrades'> & {
  upgrades: { key: UpgradeKey; quantity?: number }[];
};

/** A chain's contract as the view and edit pages show it, with or without its money. */
export type ContractView = {
  chain: { id: string; slug: string; name: string; accountManagerId: string | null; accountManager: string | null };
  contract: WithMoney<ContractDto, ContractTermsDto> | null;
};

/** A month's credit without its amount: the band's percentage and why (met, band, unmeasured). */
export type CreditFacts = Omit<MonthCredit, 'amount'>;

/** An SLA tier as the settings list and its edit form show it. */
export type TierDto = {
  key: string;
  name: string;
  availabilityTarget: string;
  requiresMultiAz: boolean;
  minBackupRetentionDays: number;
  requiresEncryption: boolean;
  requiresDeletionProtection: boolean;
  requiresDedicatedDatabase: boolean;
  minInstanceClass: string | null;
  allowedRegions: string[];
  creditSchedule: CreditSchedule;
  version: number;
  chains: number;
};

export type PeriodSla = {
  availability: number | null;
  /** Measured minutes against the period's elapsed minutes, 0..1: the rest is unmeasured. */
  measuredShare: number;
  healthyMinutes: number;
  measuredMinutes: number;
  unmeasuredMinutes: number;
};

type SlaRowOf<Credit> = {
  slug: string;
  name: string;
  tier: { key: string; name: string; targetPct: number };
  accountManager: string | null;
  month: PeriodSla & { budget: ErrorBudget; credit: Credit };
  last30Days: PeriodSla;
  alert: 'page' | 'ticket' | null;
  burn1h: number | null;
  contractEnd: string | null;
  /** read: false until the collector has read the deployment (nothing is known of its conformance). */
  findings: { read: boolean; under: number; over: number };
};
/** One chain of the SLA list; money per row (an account manager sees it on their own chains only). */
export type SlaRow = WithMoney<SlaRowOf<MonthCredit & { currency: string }>, SlaRowOf<CreditFacts>>;

type RenewalRowOf = {
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
};
export type RenewalRow = WithMoney<RenewalRowOf & { credits: string; currency: string }, RenewalRowOf>;

export type SlaFleet = {
  scope: 'mine' | 'all';
  rows: SlaRow[];
  total: number;
  page: number;
  size: number;
  totals: { chains: number; belowTarget: number; paging: number; ticketing: number; unmeasured: number };
  renewals: RenewalRow[];
};

export type SlaMonth<Credit = MonthCredit> = PeriodSla & {
  month: string;
  targetMet: boolean | null;
  credit: Credit;
};

export type IncidentDto = { start: string; end: string | null; badMinutes: number; worst: number };

/** The SLA page's contract block, money included. */
export type SlaContract = {
  startDate: string;
  endDate: string;
  monthlyPrice: string;
  monthlyTotal: string;
  currency: string;
  marginTargetPct: string;
  upgrades: { key: string; name: string; monthlyPrice: string; quantity?: number }[];
  creditSchedule: { below: number; creditPct: number }[];
  version: number;
};
/** The same without money: the term, which upgrades, the credit thresholds. */
export type SlaContractTerms = Omit<SlaContract, 'monthlyPrice' | 'monthlyTotal' | 'marginTargetPct' | 'upgrades'> & {
  upgrades: { key: string; name: string; quantity?: number }[];
};

type ChainSlaOf<Contract, Credit> = {
  slug: string;
  name: string;
  tier: { key: string; name: string; targetPct: number };
  accountManager: { id: string; name: string } | null;
  contract: Contract | null;
  month: PeriodSla & { budget: ErrorBudget; credit: Credit };
  last30Days: PeriodSla;
  burn: BurnAlert[];
  alert: 'page' | 'ticket' | null;
  months: SlaMonth<Credit>[];
  /** Remaining error budget at the end of each UTC day of this month (minutes). */
  budgetByDay: { day: string; leftMinutes: number; budgetMinutes: number }[];
  incidents: IncidentDto[];
  conformance: ConformanceDto;
  /** How much of the health history is stored yet (the health-history job reads it, newest first). */
  history: HistoryProgress;
};

/** "history: 12 of 35 days read": until complete, older days are unmeasured because they are not read yet. */
export type HistoryProgress = { readDays: number; totalDays: number; complete: boolean };

/** One chain's SLA health, with or without money (the credits' percentages stay; their amounts go). */
export type ChainSla = WithMoney<ChainSlaOf<SlaContract, MonthCredit>, ChainSlaOf<SlaContractTerms, CreditFacts>>;
