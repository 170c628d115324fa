import 'server-only';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { config } from '@/lib/config';
import type { AwsClients } from './clients';

// GetMetricData limits: 500 queries and 100,800 returned data points per call.
export const MAX_QUERIES_PER_CALL = 500;

export type MetricSeries = { timestamps: Date[]; values: number[] };

export type MetricRequest = {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: 'Average' | 'Minimum' | 'Maximum' | 'Sum';
};

const probes = new Map<string, Promise<number | undefined>>();

/**
 * 36 periods (3 hours of 5-minute samples) when the endpoint is the moto emulator, recognised by its own API
 * answering, whoever started it (npm start, npm test, or a user's own); undefined for AWS (no endpoint) and
 * anything else. Asked once per endpoint.
 */
export function emulatorMaxPeriods(endpoint: string | undefined): Promise<number | undefined> {
  if (!endpoint) return Promise.resolve(undefined);
  let probe = probes.get(endpoint);
  if (!probe) {
    probe = fetch(new URL('/moto-api/data.json', endpoint), {
      method: 'HEAD',
      signal: AbortSignal.timeout(2_000),
    }).then(
      (res) => (res.ok ? 36 : undefined),
      () => undefined,
    );
    probes.set(endpoint, probe);
  }
  return probe;
}

/**
 * Fetches many metrics over one window in as few calls as the limits allow.
 * Returns each request's series (oldest first) by request id.
 */
export async function getMetricSeries(
  clients: AwsClients,
  requests: MetricRequest[],
  window: { start: Date; end: Date; periodSeconds: number; abortSignal?: AbortSignal },
): Promise<{ series: Map<string, MetricSeries>; calls: number }> {
  // Periods aligned to their boundaries: datapoints get the same timestamps whenever they are read, so a
  // sample read twice is recognised as one (AWS recommends aligned windows too).
  const periodMs = window.periodSeconds * 1000;
  window = {
    ...window,
    start: new Date(Math.floor(window.start.getTime() / periodMs) * periodMs),
    end: new Date(Math.ceil(window.end.getTime() / periodMs) * periodMs),
  };
  // The emulator scans every stored datapoint for every period of a call, so a long window costs it the
  // square of its length; sliced, the cost grows linearly. AWS needs no slicing (it would only multiply
  // the metrics billed): slicing is on for an endpoint that answers as the emulator does, or as configured.
  const maxPeriods = config().metricMaxPeriods ?? (await emulatorMaxPeriods(process.env.AWS_ENDPOINT_URL));
  const sliceMs = (maxPeriods ?? 0) * periodMs;
  if (maxPeriods && window.end.getTime() - window.start.getTime() > sliceMs) {
    const merged = new Map<string, MetricSeries>();
    let calls = 0;
    for (let from = window.start.getTime(); from < window.end.getTime(); from += sliceMs) {
      const slice = await getMetricSeriesInWindow(clients, requests, {
        ...window,
        start: new Date(from),
        end: new Date(Math.min(from + sliceMs, window.end.getTime())),
      });
      calls += slice.calls;
      for (const [id, s] of slice.series) {
        const entry = merged.get(id) ?? { timestamps: [], values: [] };
        entry.timestamps.push(...s.timestamps);
        entry.values.push(...s.values);
        merged.set(id, entry);
      }
    }
    return { series: merged, calls };
  }
  return getMetricSeriesInWindow(clients, requests, window);
}

async function getMetricSeriesInWindow(
  clients: AwsClients,
  requests: MetricRequest[],
  window: { start: Date; end: Date; periodSeconds: number; abortSignal?: AbortSignal },
): Promise<{ series: Map<string, MetricSeries>; calls: number }> {
  const series = new Map<string, MetricSeries>();
  const pointsPerQuery = Math.max(
    1,
    Math.ceil((window.end.getTime() - window.start.getTime()) / 1000 / window.periodSeconds),
  );
  const perCall = Math.max(1, Math.min(MAX_QUERIES_PER_CALL, Math.floor(100_800 / pointsPerQuery)));
  let calls = 0;
  for (let i = 0; i < requests.length; i += perCall) {
    const batch = requests.slice(i, i + perCall);
    // Query ids must start with a lowercase letter: map ours to q0..qN and back.
    const queries: MetricDataQuery[] = batch.map((r, n) => ({
      Id: `q${n}`,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: r.namespace,
          MetricName: r.metricName,
          Dimensions: Object.entries(r.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: window.periodSeconds,
        Stat: r.stat,
      },
    }));
    let nextToken: string | undefined;
    do {
      const page = await clients.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
        { abortSignal: window.abortSignal },
      );
      calls += 1;
      for (const result of page.MetricDataResults ?? []) {
        const request = batch[Number(result.Id?.slice(1))];
        if (!request) continue;
        const entry = series.get(request.id) ?? { timestamps: [], values: [] };
        const ts = result.Timestamps ?? [];
        const vs = result.Values ?? [];
        for (let k = 0; k < Math.min(ts.length, vs.length); k++) {
          entry.timestamps.push(ts[k]!);
          entry.values.push(vs[k]!);
        }
        series.set(request.id, entry);
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  for (const entry of series.values()) sortSeries(entry);
  return { series, calls };
}

function sortSeries(entry: MetricSeries): void {
  const order = entry.timestamps.map((t, i) => [t.getTime(), i] as const).sort((a, b) => a[0] - b[0]);
  entry.timestamps = order.map(([, i]) => entry.timestamps[i]!);
  entry.values = order.map(([, i]) => entry.values[i]!);
}
