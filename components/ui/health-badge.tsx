import type { Health } from '@/lib/generated/prisma/enums';

const styles: Record<Health, string> = {
  healthy: 'bg-green-100 text-green-800 ring-green-600/20',
  degraded: 'bg-amber-100 text-amber-800 ring-amber-600/20',
  down: 'bg-red-100 text-red-800 ring-red-600/20',
  unknown: 'bg-slate-100 text-slate-700 ring-slate-500/20',
};

const marks: Record<Health, string> = { healthy: '●', degraded: '◐', down: '✕', unknown: '?' };

/** Colour and a distinct mark, so health reads without colour vision too. */
export function HealthBadge({ health }: { health: Health }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[health]}`}
    >
      <span aria-hidden="true">{marks[health]}</span>
      {health}
    </span>
  );
}
