import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { findChainChecks } from '@/lib/server/checks/find-checks';
import { findRegionPrices } from '@/lib/server/finance/find-region-prices';
import { findChain } from '@/lib/server/fleet/find-chain';
import { findKeptInstances } from '@/lib/server/operations/find-kept-instances';
import { findOperations } from '@/lib/server/operations/find-operations';
import { ChainHeader } from './chain-header';
import { ChartsPanel } from './charts-panel';
import { ChecksPanel } from './checks-panel';
import { ConformancePanel } from './conformance-panel';
import { DeploymentPanel } from './deployment-panel';
import { OperationsPanel } from './operations-panel';
import { SnapshotsPanel } from './snapshots-panel';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ChainPage({ params }: Props) {
  const user = await authorizePage('fleet:read');
  const { slug } = await params;
  const chain = await findChain(slug);
  if (!chain) notFound();
  const canOperate = can(user.role, 'operations:request');
  const [operations, prices, kept, checks] = await Promise.all([
    findOperations({ chain: chain.slug, take: 20 }),
    canOperate ? findRegionPrices(chain.region) : null,
    findKeptInstances(chain.slug),
    findChainChecks(chain.slug),
  ]);
  return (
    <>
      <ChainHeader chain={chain} />
      <DeploymentPanel chain={chain} />
      <OperationsPanel
        chain={chain}
        operations={operations}
        prices={prices}
        kept={kept}
        me={canOperate ? user.email : null}
      />
      <ConformancePanel chain={chain} />
      <SnapshotsPanel database={chain.database} />
      {checks && <ChecksPanel checks={checks} />}
      <Suspense fallback={<p className="mt-6 text-sm text-slate-500">Loading metrics…</p>}>
        <ChartsPanel slug={chain.slug} />
      </Suspense>
    </>
  );
}
