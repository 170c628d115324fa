import 'server-only';
import { groupBy } from '@/lib/group-by';
import { roundHalfAwayFromZero } from '@/lib/round';
import { awsClients, HEALTH_METRIC_REGION } from '@/lib/server/aws/clients';
import type { AwsScope } from '@/lib/server/aws/clients';
import { getMetricSeries } from '@/lib/server/aws/cloudwatch';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import type { MetricRequest } from '@/lib/server/aws/cloudwatch';
import { HEALTH_WINDOW_MINUTES, healthMetric } from './health-metric';

export type MetricChain = {
  id: string;
  region: string;
  awsAccountId: string;
  roleArn: string | null;
  healthCheckId: string;
  dbInstanceIdentifier: string | null;
  /** No health history is looked for before the chain existed. */
  createdAt: Date;
};

export type HealthRead = {
  samples: { at: Date; value: number }[];
  recent: number[];
  /** Where this pass's read began; older history is the health-history job's (backfill-health.ts). */
  from: Date;
};
export type DbMetrics = { cpuSpark: number[]; freeStorageBytes: number | null };

export const HISTORY_DAYS = 35;
// Late datapoints: CloudWatch may publish a sample a few minutes after its timestamp.
export const OVERLAP_MS = 10 * 60_000;
const INCREMENTAL_MS = 2 * 3_600_000;
// A pass reads at most this far back, whatever the history needs: current state first, in bounded time.
export const PASS_WINDOW_MS = 6 * 3_600_000;

/** How far back a chain's health history goes: 35 days, or to when the chain was made. */
export const historyFloor = (c: { createdAt: Date }, now: Date) =>
  new Date(Math.max(now.getTime() - HISTORY_DAYS * 86_400_000, c.createdAt.getTime() - OVERLAP_MS));

export const dbKey = (scope: { awsAccountId: string; region: string }, identifier: string) =>
  `${scope.awsAccountId}/${scope.region}/${identifier}`;

/**
 * Health samples since each chain's last stored one, at most PASS_WINDOW_MS back (a chain never read, or
 * behind by more, gets the newest hours; the health-history job reads the rest), per account in as few
 * GetMetricData calls as the limits allow. Chains caught up share one short window; the others one from the
 * oldest of their last samples.
 */
export async function readHealth(
  chains: MetricChain[],
  lastSampleAt: Map<string, Date>,
  now: Date,
): Promise<{ health: Map<string, HealthRead>; calls: number; failures: { scope: string; reason: string }[] }> {
  const health = new Map<string, HealthRead>();
  const failures: { scope: string; reason: string }[] = [];
  let calls = 0;
  const recentFrom = now.getTime() - HEALTH_WINDOW_MINUTES * 60_000;
  const windowStart = (c: MetricChain) => {
    const floor = Math.max(historyFloor(c, now).getTime(), now.getTime() - PASS_WINDOW_MS);
    const last = lastSampleAt.get(c.id)?.getTime();
    return Math.min(recentFrom, Math.max(floor, last ? last - OVERLAP_MS : floor));
  };
  const groups = groupBy(chains, (c) => {
    const caughtUp = (lastSampleAt.get(c.id)?.getTime() ?? 0) > now.getTime() - INCREMENTAL_MS;
    // Behind chains share one window from the oldest of them: the call count stays bounded by the
    // data-point limit, not by how many different last samples there are.
    return `${c.awsAccountId}/${c.roleArn ?? ''}/${caughtUp ? 'recent' : 'behind'}`;
  });
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const first = group[0]!;
      const scope: AwsScope = { region: HEALTH_METRIC_REGION, accountId: first.awsAccountId, roleArn: first.roleArn };
      const start = new Date(Math.min(...group.map(windowStart)));
      try {
        const result = await getMetricSeries(
          awsClients(scope),
          group.map((c) => healthMetric(c.id, c.healthCheckId)),
          { start, end: now, periodSeconds: 300 },
        );
        calls += result.calls;
        for (const c of group) {
          const s = result.series.get(c.id) ?? { timestamps: [], values: [] };
          const samples = s.timestamps.map((at, i) => ({ at, value: s.values[i]! }));
          health.set(c.id, {
            samples,
            recent: samples.filter((x) => x.at.getTime() >= recentFrom).map((x) => x.value),
            from: start,
          });
        }
      } catch (error) {
        failures.push({ scope: `${first.awsAccountId}/${HEALTH_METRIC_REGION}`, reason: describeAwsError(error) });
      }
    }),
  );
  return { health, calls, failures };
}

/** CPU over the last 24 h (hourly) and free storage now, once per database instance, per account and region. */
export async function readDbMetrics(
  chains: MetricChain[],
  now: Date,
): Promise<{ metrics: Map<string, DbMetrics>; calls: number; failures: { scope: string; reason: string }[] }> {
  const metrics = new Map<string, DbMetrics>();
  const failures: { scope: string; reason: string }[] = [];
  let calls = 0;
  const withDb = chains.filter((c) => c.dbInstanceIdentifier);
  const scopes = groupBy(withDb, (c) => `${c.awsAccountId}/${c.region}/${c.roleArn ?? ''}`);
  await Promise.all(
    [...scopes.values()].map(async (group) => {
      const first = group[0]!;
      const scope: AwsScope = { region: first.region, accountId: first.awsAccountId, roleArn: first.roleArn };
      const identifiers = [...new Set(group.map((c) => c.dbInstanceIdentifier!))];
      const rds = (id: string, metricName: string, stat: MetricRequest['stat'], n: number): MetricRequest => ({
        id: `${metricName}:${n}`,
        namespace: 'AWS/RDS',
        metricName,
        dimensions: { DBInstanceIdentifier: id },
        stat,
      });
      try {
        // One window and period for both metrics, so they share calls: 24 hourly points each.
        const { series, calls: n } = await getMetricSeries(
          awsClients(scope),
          identifiers.flatMap((id, i) => [
            rds(id, 'CPUUtilization', 'Average', i),
            rds(id, 'FreeStorageSpace', 'Minimum', i),
          ]),
          { start: new Date(now.getTime() - 24 * 3_600_000), end: now, periodSeconds: 3_600 },
        );
        calls += n;
        identifiers.forEach((id, i) => {
          const free = series.get(`FreeStorageSpace:${i}`)?.values ?? [];
          metrics.set(dbKey(first, id), {
            cpuSpark: (series.get(`CPUUtilization:${i}`)?.values ?? []).map((v) => roundHalfAwayFromZero(v, 1)),
            freeStorageBytes: free.length ? free[free.length - 1]! : null,
          });
        });
      } catch (error) {
        failures.push({ scope: `${first.awsAccountId}/${first.region}`, reason: describeAwsError(error) });
      }
    }),
  );
  return { metrics, calls, failures };
}
