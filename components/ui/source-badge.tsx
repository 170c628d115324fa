/** Whether a cost came from Cost Explorer (actual), the price catalog (estimated), or both over a range. */
export function SourceBadge({ source }: { source: 'actual' | 'estimated' | 'mixed' }) {
  const style =
    source === 'actual'
      ? 'bg-green-100 text-green-800'
      : source === 'estimated'
        ? 'bg-amber-100 text-amber-900'
        : 'bg-slate-100 text-slate-700';
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${style}`}>{source}</span>;
}
