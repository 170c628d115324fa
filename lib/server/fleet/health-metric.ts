import type { MetricRequest } from '@/lib/server/aws/cloudwatch';

// A chain's health signal: its Route 53 health check's status metric.
export function healthMetric(id: string, healthCheckId: string): MetricRequest {
  return {
    id,
    namespace: 'AWS/Route53',
    metricName: 'HealthCheckStatus',
    dimensions: { HealthCheckId: healthCheckId },
    stat: 'Minimum',
  };
}

// How far back the collector looks to classify health (three 5-minute samples).
export const HEALTH_WINDOW_MINUTES = 15;
