import 'server-only';
import type { MonthCredit } from '@/lib/sla/sla-math';
import type { ContractDto, ContractTermsDto, CreditFacts, SlaContract, SlaContractTerms } from '@/lib/sla/dto';

// What counts as money in a DTO, in one place: the finders read everything, then cut it here for a viewer who
// may not see it (canSeeMoney), so the HTML and JSON sent to them never hold the figures. Percentages,
// thresholds, the term and which upgrades a chain has stay: they are SLA facts, not commercial terms.

/** A credit's band and reason, without its amount. */
export function creditFacts(credit: MonthCredit): CreditFacts {
  return { creditPct: credit.creditPct, reason: credit.reason };
}

/** The contract API's shape without prices, totals and the margin target. */
export function contractTerms(contract: ContractDto): ContractTermsDto {
  const { monthlyPrice: _price, marginTargetPct: _margin, upgrades, ...terms } = contract;
  return { ...terms, upgrades: upgrades.map(({ key, quantity }) => (quantity ? { key, quantity } : { key })) };
}

/** The SLA page's contract block without prices, totals and the margin target. */
export function slaContractTerms(contract: SlaContract): SlaContractTerms {
  const { monthlyPrice: _price, monthlyTotal: _total, marginTargetPct: _margin, upgrades, ...terms } = contract;
  return {
    ...terms,
    upgrades: upgrades.map(({ key, name, quantity }) => (quantity ? { key, name, quantity } : { key, name })),
  };
}
