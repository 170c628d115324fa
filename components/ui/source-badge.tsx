/**
 * Whether a cost came from Cost Explorer (actual), the price catalog (estimated), or both over a range; and,
 * for an estimate that lacks facts, that it is incomplete and why (its cost is then a lower bound).
 */
export function SourceBadge({
  source,
  incomplete = null,
}: {
  source: 'actual' | 'estimated' | 'mixed';
  incomplete?: string | null;
}) {
  const style =
    source === 'actual'
      ? 'bg-green-100 text-green-800'
      : source === 'estimated'
        ? 'bg-amber-100 text-amber-900'
        : 'bg-slate-100 text-slate-700';
  return (
    <>
      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${style}`}>{source}</span>
      {incomplete && (
        <span className="mt-1 block text-xs text-bad" data-testid="cost-incomplete">
          incomplete: {incomplete}
        </span>
      )}
    </>
  );
}

/** A cost figure, marked as a lower bound when the estimate behind it is incomplete. */
export const atLeast = (amount: string, incomplete: unknown) => (incomplete ? `≥ ${amount}` : amount);
/** A margin, marked as an upper bound when the cost behind it is incomplete. */
export const atMost = (amount: string, incomplete: unknown) => (incomplete ? `≤ ${amount}` : amount);
