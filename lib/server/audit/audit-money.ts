import 'server-only';

// The money an audited change can carry, cut for a viewer who may not see it (canSeeMoney), by field name at
// any depth of before, after and detail, whatever the action: a contract edit's price, margin target and
// upgrades (which carry prices), a provisioning request's contract. Catalog prices are not money in this sense.

export const contractMoneyFields: ReadonlySet<string> = new Set(['monthlyPrice', 'marginTargetPct', 'upgrades']);

/** The value without its money fields, and whether any was there. */
function withoutMoney(value: unknown): { value: unknown; cut: boolean } {
  if (Array.isArray(value)) {
    const items = value.map(withoutMoney);
    return { value: items.map((i) => i.value), cut: items.some((i) => i.cut) };
  }
  if (!value || typeof value !== 'object') return { value, cut: false };
  let cut = false;
  const entries = Object.entries(value).flatMap(([k, v]) => {
    if (contractMoneyFields.has(k)) {
      cut = true;
      return [];
    }
    const inner = withoutMoney(v);
    cut ||= inner.cut;
    return [[k, inner.value] as const];
  });
  return { value: Object.fromEntries(entries), cut };
}

export function hideAuditMoney(
  event: { before: unknown; after: unknown; detail: unknown },
  showMoney: boolean,
): { before: unknown; after: unknown; detail: unknown; moneyHidden: boolean } {
  if (showMoney) return { ...event, moneyHidden: false };
  const [before, after, detail] = [event.before, event.after, event.detail].map(withoutMoney);
  return {
    before: before!.value,
    after: after!.value,
    detail: detail!.value,
    moneyHidden: before!.cut || after!.cut || detail!.cut,
  };
}
