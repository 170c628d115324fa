import { readChainMetrics } from '@/lib/server/fleet/read-chain-metrics';
import { ChainCharts } from './chain-charts';

// The 24-hour charts come with the page; a CloudWatch failure leaves the client to retry and say so.
export async function ChartsPanel({ slug }: { slug: string }) {
  const initial = await readChainMetrics(slug, '24h').catch(() => null);
  return <ChainCharts slug={slug} initial={initial} />;
}
