import { Freshness } from '@/components/ui/freshness';
import { AlertBadge } from '@/components/alerts/alert-badge';
import { HealthBadge } from '@/components/ui/health-badge';
import type { ChainDetail } from '@/lib/fleet/dto';
import { ChainTabs } from './chain-tabs';

/** The chain's name, health, tier and freshness, its tabs, and why its data is stale if it is. */
export function ChainHeader({ chain }: { chain: ChainDetail }) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{chain.name}</h1>
        <HealthBadge health={chain.health} />
        <AlertBadge slug={chain.slug} badge={chain.alerts} />
        <span className="text-sm text-slate-500">
          {chain.tier.name} · {chain.region}
          {chain.residency && ` · ${chain.residency} residency`} · {chain.environment}
        </span>
        <span className="ml-auto text-sm">
          Data as of <Freshness refreshedAt={chain.refreshedAt} stale={chain.stale} reason={chain.staleReason} />
        </span>
      </div>
      <ChainTabs slug={chain.slug} current="overview" />
      {chain.staleReason && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {chain.staleReason}
        </p>
      )}
    </>
  );
}
