import { OperationList } from '@/components/operations/operation-list';
import type { ChainDetail } from '@/lib/fleet/dto';
import { formatAge } from '@/lib/format';
import type { findRegionPrices } from '@/lib/server/finance/find-region-prices';
import type { KeptInstance } from '@/lib/server/operations/find-kept-instances';
import type { OperationDto } from '@/lib/operations/dto';
import { OperationButtons } from './operation-buttons';

type Props = {
  chain: ChainDetail;
  operations: OperationDto[];
  /** The region's catalog prices when the viewer may request operations; null when they may not. */
  prices: Awaited<ReturnType<typeof findRegionPrices>> | null;
  kept: KeptInstance[];
  /** The viewer's email when they may request (and approve) operations, else null. */
  me: string | null;
};

/** The chain's operations: what the viewer may start, instances kept after a cut-over, and the live list. */
export function OperationsPanel({ chain, operations, prices, kept, me }: Props) {
  const { database: d, app } = chain;
  return (
    <section aria-labelledby="operations-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="operations-heading" className="font-semibold">
        Operations
      </h2>
      {prices && (
        <OperationButtons
          facts={{
            slug: chain.slug,
            dedicated: d.kind === 'dedicated',
            multiAz: d.multiAz,
            dbClass: d.instanceClass,
            storageGb: d.allocatedStorageGb,
            appType: app.instanceType,
            prices,
            snapshots: d.snapshots.map((s) => s.id),
            kept: kept.map((k) => k.identifier),
          }}
        />
      )}
      {kept.length > 0 && (
        <p className="mt-2 text-sm text-warn" data-testid="kept-instances">
          Kept after a cut-over, still running and billed:{' '}
          {kept.map((k, i) => (
            <span key={k.identifier}>
              {i > 0 && ', '}
              <span className="font-mono">{k.identifier}</span> (replaced by {k.replacedBy} {formatAge(k.replacedAt)})
            </span>
          ))}
          . Retire it once the new instance has proved itself.
        </p>
      )}
      <OperationList query={`chain=${chain.slug}`} initial={operations} showChain={false} me={me} />
    </section>
  );
}
