import 'server-only';

// The money an audited change can carry, cut for a viewer who may not see it (canSeeMoney): a contract edit's
// price, margin target and upgrades (which carry prices). Catalog prices are not money in this sense.

export const contractMoneyFields: ReadonlySet<string> = new Set(['monthlyPrice', 'marginTargetPct', 'upgrades']);

const withoutMoney = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter(([k]) => !contractMoneyFields.has(k)))
    : value;

export function hideAuditMoney(
  action: string,
  before: unknown,
  after: unknown,
  showMoney: boolean,
): { before: unknown; after: unknown; moneyHidden: boolean } {
  if (showMoney || !action.startsWith('contract.')) return { before, after, moneyHidden: false };
  return { before: withoutMoney(before), after: withoutMoney(after), moneyHidden: true };
}
