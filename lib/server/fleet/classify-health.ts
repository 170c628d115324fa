import type { Health } from '@/lib/generated/prisma/enums';

/**
 * Health from a chain's recent health-check samples (HealthCheckStatus: 1 healthy, 0 unhealthy, a
 * fraction when only some checkers agree), oldest first. The latest sample decides up or down; a window
 * that saw trouble but ends healthy is "degraded" (recovering or flapping), and no sample is "unknown",
 * never healthy.
 */
export function classifyHealth(values: readonly number[]): Health {
  if (values.length === 0) return 'unknown';
  const latest = values[values.length - 1]!;
  if (latest <= 0) return 'down';
  if (latest < 1) return 'degraded';
  return values.every((v) => v >= 1) ? 'healthy' : 'degraded';
}
