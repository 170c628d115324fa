import type { ChainFlagDto } from '@/lib/flags/flag-dto';

// A chain parameter's state against Fleetpane's value, named, never assumed: a parameter not read back yet says
// so rather than "in sync".

const styles: Record<NonNullable<ChainFlagDto['drift']> | 'unread', { label: string; style: string }> = {
  in_sync: { label: 'in sync', style: 'bg-green-100 text-green-800' },
  modified: { label: 'modified', style: 'bg-red-100 text-red-800' },
  missing: { label: 'missing', style: 'bg-amber-100 text-amber-900' },
  unknown: { label: 'unknown', style: 'bg-slate-200 text-slate-800' },
  unread: { label: 'not read yet', style: 'bg-slate-100 text-slate-700' },
};

export function DriftBadge({ drift, title }: { drift: ChainFlagDto['drift']; title?: string }) {
  const s = styles[drift ?? 'unread'];
  return (
    <span
      title={title}
      data-drift={drift ?? 'unread'}
      className={`rounded px-1.5 py-0.5 text-xs font-medium ${s.style}`}
    >
      {s.label}
    </span>
  );
}

/** A flag value as text: strings as they are, everything else as JSON. */
export const flagText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
