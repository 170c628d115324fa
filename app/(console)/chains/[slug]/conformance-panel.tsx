import { ConformanceFindings } from '@/components/conformance-findings';
import type { ChainDetail } from '@/lib/fleet/dto';

/** The chain's tier and contract held against what is deployed. */
export function ConformancePanel({ chain }: { chain: ChainDetail }) {
  return (
    <section
      id="conformance"
      aria-labelledby="conformance-heading"
      className="mt-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="conformance-heading" className="font-semibold">
        Conformance: {chain.tier.name} tier and contract against what is deployed
      </h2>
      <ConformanceFindings conformance={chain.conformance} />
    </section>
  );
}
