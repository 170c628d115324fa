import 'server-only';
import { sumMoney } from '@/lib/sla/money';
import { readUpgrades } from '@/lib/sla/sla-terms';

type Price = string | { toFixed(digits: number): string };

/** What the chain pays a month: the contract's price plus its upgrades (the base SLA credits apply to). */
export function contractMonthlyTotal(contract: { monthlyPrice: Price; upgrades: unknown }): string {
  const price = typeof contract.monthlyPrice === 'string' ? contract.monthlyPrice : contract.monthlyPrice.toFixed(2);
  return sumMoney([price, ...readUpgrades(contract.upgrades).map((u) => u.monthlyPrice)]);
}
