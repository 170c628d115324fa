import 'server-only';
import { availability, minutesBetween, SAMPLE_MINUTES } from '@/lib/sla/sla-math';
import type { SampleCounts } from '@/lib/sla/sla-math';
import type { PeriodSla } from '@/lib/sla/dto';

/** A period's SLI from its counts; `from`..`to` is the elapsed part of the period (to = now for the current one). */
export function periodSla(c: SampleCounts, from: Date, to: Date): PeriodSla {
  const elapsed = minutesBetween(from, to);
  const measuredMinutes = c.measured * SAMPLE_MINUTES;
  return {
    availability: availability(c),
    measuredShare: elapsed > 0 ? Math.min(1, measuredMinutes / elapsed) : 0,
    healthyMinutes: c.healthy * SAMPLE_MINUTES,
    measuredMinutes,
    unmeasuredMinutes: Math.max(0, elapsed - measuredMinutes),
  };
}
