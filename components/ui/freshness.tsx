import { formatAge, formatUtc } from '@/lib/format';

/** "Data as of", stale data marked as such with the reason on hover and for screen readers. */
export function Freshness({
  refreshedAt,
  stale,
  reason,
}: {
  refreshedAt: string | null;
  stale: boolean;
  reason?: string | null;
}) {
  return (
    // The age is computed where it renders: in a client component the browser's first render comes a moment
    // after the server's, so its text may differ by a second (React would otherwise throw the HTML away, #418).
    <span
      className={stale ? 'text-warn' : 'text-slate-500'}
      title={reason ?? formatUtc(refreshedAt)}
      suppressHydrationWarning
    >
      {stale && <span className="mr-1 font-semibold">stale</span>}
      {formatAge(refreshedAt)}
      {stale && reason && <span className="sr-only"> ({reason})</span>}
    </span>
  );
}
