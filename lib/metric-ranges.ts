// The chain page's time ranges and the CloudWatch period for each: enough points to read a shape, few
// enough to stay inside one GetMetricData call (7 series × 1,440 points at most).
export const metricRanges = {
  '1h': { label: '1 hour', ms: 3_600_000, periodSeconds: 60 },
  '24h': { label: '24 hours', ms: 86_400_000, periodSeconds: 300 },
  '7d': { label: '7 days', ms: 7 * 86_400_000, periodSeconds: 3_600 },
  '30d': { label: '30 days', ms: 30 * 86_400_000, periodSeconds: 3 * 3_600 },
} as const;

export type MetricRange = keyof typeof metricRanges;
export const metricRangeKeys = Object.keys(metricRanges) as MetricRange[];

export type MetricKey =
  'dbCpu' | 'appCpu' | 'connections' | 'freeStorageGb' | 'readLatencyMs' | 'writeLatencyMs' | 'health';

export type ChainMetrics = {
  range: MetricRange;
  periodSeconds: number;
  from: string;
  to: string;
  /** Per series, [epoch ms, value] pairs, oldest first. */
  series: Record<MetricKey, [number, number][]>;
};
