import 'server-only';
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { awsClients, HEALTH_METRIC_REGION } from '@/lib/server/aws/clients';
import type { AwsScope } from '@/lib/server/aws/clients';
import { describeAppInstances } from '@/lib/server/aws/ec2';
import type { DemoChain } from './demo-chains';
import type { DemoFleet } from './demo-fleet';

// The emulator makes no metrics by itself: the demo writes a believable history and then keeps the
// present current (a heartbeat), so health and charts behave as they would against CloudWatch.

const STEP_MS = 5 * 60_000;
const MAX_DATUMS_PER_CALL = 1000;

type Series = {
  scope: AwsScope;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  unit: 'None' | 'Percent' | 'Count' | 'Bytes' | 'Seconds';
  valueAt: (t: number) => number;
};

function noise(key: string, t: number): number {
  let h = 2166136261 ^ Math.floor(t / STEP_MS);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}

/** 0..1 over the day, busiest around lunch and dinner (UTC, good enough for a demo). */
function dailyLoad(t: number): number {
  const hour = (t / 3_600_000) % 24;
  return 0.5 + 0.25 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + 0.25 * Math.sin(((hour - 15) / 12) * 2 * Math.PI);
}

function inIncident(chain: DemoChain, t: number, now: number): boolean {
  if (!chain.incident) return false;
  const start = now - chain.incident.startedMinutesAgo * 60_000;
  return t >= start && t < start + chain.incident.minutes * 60_000;
}

function chainSeries(chain: DemoChain, appInstanceId: string | undefined, now: number): Series[] {
  const scope = { region: chain.region, accountId: chain.accountId, roleArn: chain.roleArn };
  const key = chain.slug;
  const series: Series[] = [
    {
      scope: { ...scope, region: HEALTH_METRIC_REGION },
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckStatus',
      dimensions: { HealthCheckId: `hc-${chain.slug}` },
      unit: 'None',
      valueAt: (t) => (inIncident(chain, t, now) ? 0 : chain.degradedNow && t > now - 30 * 60_000 ? 0.67 : 1),
    },
  ];
  if (appInstanceId) {
    series.push({
      scope,
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: { InstanceId: appInstanceId },
      unit: 'Percent',
      valueAt: (t) => (inIncident(chain, t, now) ? 97 : 10 + 50 * dailyLoad(t) + 8 * noise(`${key}:ec2`, t)),
    });
  }
  if (chain.database.kind === 'dedicated')
    series.push(
      ...databaseSeries(scope, chain.database.identifier, chain.database.storageGb, (t) => inIncident(chain, t, now)),
    );
  return series;
}

function databaseSeries(
  scope: AwsScope,
  identifier: string,
  storageGb: number,
  incident: (t: number) => boolean,
): Series[] {
  const dims = { DBInstanceIdentifier: identifier };
  const rds = (metricName: string, unit: Series['unit'], valueAt: (t: number) => number): Series => ({
    scope,
    namespace: 'AWS/RDS',
    metricName,
    dimensions: dims,
    unit,
    valueAt,
  });
  return [
    rds('CPUUtilization', 'Percent', (t) =>
      incident(t) ? 92 : 8 + 45 * dailyLoad(t) + 6 * noise(`${identifier}:cpu`, t),
    ),
    rds('DatabaseConnections', 'Count', (t) =>
      Math.round(incident(t) ? 480 : 20 + 120 * dailyLoad(t) + 10 * noise(`${identifier}:conn`, t)),
    ),
    rds('FreeStorageSpace', 'Bytes', (t) => storageGb * 1e9 * (0.55 - ((t / 86_400_000) % 30) * 0.002)),
    rds('ReadLatency', 'Seconds', (t) =>
      incident(t) ? 0.25 : 0.002 + 0.004 * dailyLoad(t) + 0.001 * noise(`${identifier}:rl`, t),
    ),
    rds('WriteLatency', 'Seconds', (t) =>
      incident(t) ? 0.4 : 0.003 + 0.006 * dailyLoad(t) + 0.001 * noise(`${identifier}:wl`, t),
    ),
  ];
}

/** Every series of the demo fleet, with app instance ids read from the emulator. */
export async function buildDemoSeries(fleet: DemoFleet, now = Date.now()): Promise<Series[]> {
  const appIds = new Map<string, string>();
  const scopes = new Map<string, AwsScope>();
  for (const c of fleet.chains)
    scopes.set(`${c.accountId}/${c.region}`, { region: c.region, accountId: c.accountId, roleArn: c.roleArn });
  for (const scope of scopes.values()) {
    const { instances } = await describeAppInstances(awsClients(scope));
    for (const i of instances) appIds.set(i.chainSlug, i.instanceId);
  }
  const series = fleet.chains.flatMap((c) => chainSeries(c, appIds.get(c.slug), now));
  for (const s of fleet.sharedInstances) {
    const roleArn = fleet.chains.find((c) => c.accountId === s.accountId)?.roleArn ?? null;
    series.push(
      ...databaseSeries({ region: s.region, accountId: s.accountId, roleArn }, s.identifier, 200, () => false),
    );
  }
  return series;
}

/**
 * Writes every series' 5-minute samples in [from, to), oldest day first, as CloudWatch would have
 * received them: the collector reads forward from its last sample, so history written newest-first
 * would leave it a hole.
 */
export async function writeDemoMetrics(
  series: Series[],
  range: { from: number; to: number },
): Promise<{ datapoints: number; calls: number }> {
  const first = Math.ceil(range.from / STEP_MS) * STEP_MS;
  let datapoints = 0;
  let calls = 0;
  const groups = new Map<string, Series[]>();
  for (const s of series) {
    const key = `${s.scope.accountId}/${s.scope.region}/${s.scope.roleArn ?? ''}/${s.namespace}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const DAY = 86_400_000;
  for (let dayStart = first; dayStart < range.to; dayStart += DAY) {
    const dayEnd = Math.min(range.to, dayStart + DAY);
    for (const group of groups.values()) {
      const { scope, namespace } = group[0]!;
      let batch: MetricDatum[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await awsClients(scope).cloudwatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch }));
        calls += 1;
        datapoints += batch.length;
        batch = [];
      };
      for (const s of group) {
        const dimensions = Object.entries(s.dimensions).map(([Name, Value]) => ({ Name, Value }));
        for (let t = dayStart; t < dayEnd; t += STEP_MS) {
          batch.push({
            MetricName: s.metricName,
            Dimensions: dimensions,
            Timestamp: new Date(t),
            Value: s.valueAt(t),
            Unit: s.unit,
          });
          if (batch.length === MAX_DATUMS_PER_CALL) await flush();
        }
      }
      await flush();
    }
  }
  return { datapoints, calls };
}

export const METRIC_STEP_MS = STEP_MS;
