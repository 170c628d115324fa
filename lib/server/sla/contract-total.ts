import 'server-only';
import { sumMoney } from '@/lib/sla/money';
import { readUpgrades } from '@/lib/sla/sla-terms';

/** What the chain pays a month: the contract's price plus its upgrades (the base SLA credits apply to). */
export function contractMonthlyTotal(contract: { monthlyPrice: { toFixed(digits: number): string }; upgrades: unknown }): string {
  return sumMoney([contract.monthlyPrice.toFixed(2), ...readUpgrades(contract.upgrades).map((u) => u.monthlyPrice)]);
}
