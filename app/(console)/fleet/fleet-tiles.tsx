import Link from 'next/link';
import type { FleetTiles as Tiles } from '@/lib/fleet/dto';

const tiles = [
  { key: 'healthy', label: 'Healthy', href: '/fleet?health=healthy', tone: 'text-ok' },
  { key: 'degraded', label: 'Degraded', href: '/fleet?health=degraded', tone: 'text-warn' },
  { key: 'down', label: 'Down', href: '/fleet?health=down', tone: 'text-bad' },
  { key: 'unknown', label: 'Unknown', href: '/fleet?health=unknown', tone: 'text-slate-600' },
] as const;

export function FleetTiles({ tiles: counts }: { tiles: Tiles }) {
  return (
    <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Fleet summary">
      {tiles.map((t) => (
        <li key={t.key}>
          <Link
            href={t.href}
            className="block rounded-lg border border-slate-200 bg-white p-3 hover:border-slate-400"
            data-testid={`tile-${t.key}`}
          >
            <span className="text-sm text-slate-600">{t.label}</span>
            <span className={`block text-2xl font-semibold ${t.tone}`}>{counts[t.key]}</span>
          </Link>
        </li>
      ))}
      <li className="rounded-lg border border-slate-200 bg-white p-3">
        <span className="text-sm text-slate-600">Conformance findings</span>
        <span className="block text-2xl font-semibold" title="Conformance checks arrive with the SLA views">
          {counts.findings ?? '—'}
        </span>
      </li>
      <li className="rounded-lg border border-slate-200 bg-white p-3">
        <span className="text-sm text-slate-600">Operations running</span>
        <span className="block text-2xl font-semibold">{counts.operationsRunning}</span>
      </li>
    </ul>
  );
}
