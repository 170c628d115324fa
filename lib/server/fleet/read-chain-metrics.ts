import 'server-only';
import { awsClients, HEALTH_METRIC_REGION } from '@/lib/server/aws/clients';
import { getMetricSeries } from '@/lib/server/aws/cloudwatch';
import type { MetricRequest } from '@/lib/server/aws/cloudwatch';
import { AppError } from '@/lib/app-error';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import { db } from '@/lib/server/db/client';
import { metricRanges } from '@/lib/metric-ranges';
import type { ChainMetrics, MetricKey, MetricRange } from '@/lib/metric-ranges';
import { roundHalfAwayFromZero } from '@/lib/round';
import { healthMetric } from './health-metric';

const CACHE_MS = 30_000;
const cache = ((
  globalThis as unknown as { fleetpaneMetricCache?: Map<string, { at: number; value: ChainMetrics }> }
).fleetpaneMetricCache ??= new Map());

// Unit conversions from CloudWatch's units to what the charts show.
const scale: Partial<Record<MetricKey, number>> = {
  freeStorageGb: 1 / 1024 ** 3,
  readLatencyMs: 1000,
  writeLatencyMs: 1000,
};

/**
 * One chain's charts for a range, read from CloudWatch on demand in one call per account and region
 * (database and app metrics; health from us-east-1), cached briefly so viewers share reads.
 */
export async function readChainMetrics(
  slug: string,
  range: MetricRange,
  options: { timeoutMs: number },
): Promise<ChainMetrics | null> {
  const key = `${slug}:${range}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const chain = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: {
      region: true,
      awsAccountId: true,
      roleArn: true,
      healthCheckId: true,
      deployment: { select: { dbInstanceIdentifier: true, appInstanceId: true } },
    },
  });
  if (!chain) return null;
  const { ms, periodSeconds } = metricRanges[range];
  const to = new Date();
  const from = new Date(to.getTime() - ms);
  const window = { start: from, end: to, periodSeconds };
  const scope = { region: chain.region, accountId: chain.awsAccountId, roleArn: chain.roleArn };
  const dbId = chain.deployment?.dbInstanceIdentifier;
  const appId = chain.deployment?.appInstanceId;
  const rds = (id: MetricKey, metricName: string): MetricRequest => ({
    id,
    namespace: 'AWS/RDS',
    metricName,
    dimensions: { DBInstanceIdentifier: dbId! },
    stat: 'Average',
  });
  const regional: MetricRequest[] = [
    ...(dbId
      ? [
          rds('dbCpu', 'CPUUtilization'),
          rds('connections', 'DatabaseConnections'),
          rds('freeStorageGb', 'FreeStorageSpace'),
          rds('readLatencyMs', 'ReadLatency'),
          rds('writeLatencyMs', 'WriteLatency'),
        ]
      : []),
    ...(appId
      ? [
          {
            id: 'appCpu',
            namespace: 'AWS/EC2',
            metricName: 'CPUUtilization',
            dimensions: { InstanceId: appId },
            stat: 'Average' as const,
          },
        ]
      : []),
  ];
  // On demand, never unbounded: a CloudWatch that does not answer costs the reader this long, then its reason.
  const read = { ...window, abortSignal: AbortSignal.timeout(options.timeoutMs) };
  // The signal aborts the CloudWatch calls, but not what comes before them (a role's credentials, from STS):
  // the deadline is enforced on the whole read.
  const deadline = new Promise<never>((_, reject) =>
    read.abortSignal.addEventListener('abort', () => reject(read.abortSignal.reason as Error), { once: true }),
  );
  deadline.catch(() => undefined); // it fires after a read that answered in time too: nobody waits for it then
  const [regionalSeries, healthSeries] = await Promise.race([
    Promise.all([
      getMetricSeries(awsClients(scope), regional, read),
      getMetricSeries(
        awsClients({ ...scope, region: HEALTH_METRIC_REGION }),
        [{ ...healthMetric('health', chain.healthCheckId) }],
        read,
      ),
    ]),
    deadline,
  ]).catch((error: unknown) => {
    throw new AppError(
      'unavailable',
      read.abortSignal.aborted
        ? `CloudWatch did not answer within ${options.timeoutMs / 1000} s; the charts are tried again in a minute.`
        : `CloudWatch could not be read: ${describeAwsError(error)}.`,
    );
  });
  const all = new Map([...regionalSeries.series, ...healthSeries.series]);
  const keys: MetricKey[] = [
    'dbCpu',
    'appCpu',
    'connections',
    'freeStorageGb',
    'readLatencyMs',
    'writeLatencyMs',
    'health',
  ];
  const series = Object.fromEntries(
    keys.map((k) => {
      const s = all.get(k);
      const factor = scale[k] ?? 1;
      return [
        k,
        s
          ? s.timestamps.map(
              (t, i) => [t.getTime(), roundHalfAwayFromZero(s.values[i]! * factor, 3)] as [number, number],
            )
          : [],
      ];
    }),
  ) as ChainMetrics['series'];
  const value: ChainMetrics = { range, periodSeconds, from: from.toISOString(), to: to.toISOString(), series };
  cache.set(key, { at: Date.now(), value });
  return value;
}
