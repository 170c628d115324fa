import Link from 'next/link';

// A chain's firing alerts as a badge (fleet row, chain page): red with a page, amber with tickets only.
export function AlertBadge({
  slug,
  badge,
}: {
  slug: string;
  badge: { firing: number; severity: 'page' | 'ticket' } | null;
}) {
  if (!badge || badge.firing === 0) return null;
  const tone =
    badge.severity === 'page' ? 'border-red-300 bg-red-50 text-red-800' : 'border-amber-300 bg-amber-50 text-amber-900';
  return (
    <Link
      href={`/alerts?chain=${slug}`}
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${tone}`}
      title={`${badge.firing} firing alert(s), the most urgent a ${badge.severity}`}
    >
      {badge.firing} alert{badge.firing === 1 ? '' : 's'}
    </Link>
  );
}

export function SeverityBadge({ severity }: { severity: 'page' | 'ticket' }) {
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-xs font-medium ${severity === 'page' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-900'}`}
    >
      {severity}
    </span>
  );
}
