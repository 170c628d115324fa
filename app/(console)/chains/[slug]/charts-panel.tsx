import { AppError } from '@/lib/app-error';
import { readChainMetrics } from '@/lib/server/fleet/read-chain-metrics';
import { ChainCharts } from './chain-charts';

// The 24-hour charts stream in after the page (a Suspense boundary) and wait for CloudWatch 3 s at most: past
// that, or on an AWS error, the charts say why and the browser tries again through the API.
export async function ChartsPanel({ slug }: { slug: string }) {
  const read = await readChainMetrics(slug, '24h', { timeoutMs: 3_000 }).then(
    (metrics) => ({ metrics, reason: null }),
    (error: unknown) => ({
      metrics: null,
      reason: error instanceof AppError ? error.message : 'The metrics could not be read.',
    }),
  );
  return <ChainCharts slug={slug} initial={read.metrics} initialReason={read.reason} />;
}
