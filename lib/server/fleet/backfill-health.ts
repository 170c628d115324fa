import 'server-only';
import { groupBy } from '@/lib/group-by';
import { awsClients, HEALTH_METRIC_REGION } from '@/lib/server/aws/clients';
import { getMetricSeries } from '@/lib/server/aws/cloudwatch';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import { db } from '@/lib/server/db/client';
import type { HistoryProgress } from '@/lib/sla/dto';
import { rebuildHealthDays } from '@/lib/server/sla/health-days';
import { healthMetric } from './health-metric';
import { historyFloor, OVERLAP_MS } from './read-fleet-metrics';

// The health history behind the collector's bounded passes: older slices of each chain's health signal,
// newest first, down to 35 days (or the chain's creation). Its own recurring job: resumable (the progress is
// Chain.healthHistoryFrom), a slice at a time, never in the way of a pass or an operation's refresh.

const SLICE_MS = 3 * 86_400_000;
const INSERT_CHUNK = 5_000;

/** How much of a chain's history is stored: "history: 12 of 35 days read". */
export function historyProgress(
  chain: { createdAt: Date; healthHistoryFrom: Date | null },
  now = new Date(),
): HistoryProgress {
  const floor = historyFloor(chain, now).getTime();
  const totalDays = Math.max(1, Math.round((now.getTime() - floor) / 86_400_000));
  if (!chain.healthHistoryFrom) return { readDays: 0, totalDays, complete: false };
  const from = chain.healthHistoryFrom.getTime();
  const complete = from <= floor;
  const readDays = complete ? totalDays : Math.min(totalDays, Math.floor((now.getTime() - from) / 86_400_000));
  return { readDays, totalDays, complete };
}

/**
 * Reads older slices until every chain's history is stored or the time budget is spent; returns a summary.
 * Chains of one account whose history starts at the same time (read by the same pass) share their calls.
 */
export async function backfillHealthHistory(options: { budgetMs: number; signal?: AbortSignal }): Promise<string> {
  const started = Date.now();
  let slices = 0;
  let samples = 0;
  const failures: string[] = [];
  // The day rollups are rebuilt once, from the oldest slice read, not after every slice.
  let oldest = Infinity;
  while (Date.now() - started < options.budgetMs && !options.signal?.aborted) {
    const now = new Date();
    const rows = await db.chain.findMany({
      where: { decommissionedAt: null, healthHistoryFrom: { not: null } },
      select: {
        id: true,
        awsAccountId: true,
        roleArn: true,
        healthCheckId: true,
        createdAt: true,
        healthHistoryFrom: true,
      },
    });
    const behind = rows.filter((c) => c.healthHistoryFrom! > historyFloor(c, now));
    if (behind.length === 0) break;
    const groups = groupBy(behind, (c) => `${c.awsAccountId}/${c.roleArn ?? ''}/${c.healthHistoryFrom!.getTime()}`);
    let progressed = false;
    for (const group of groups.values()) {
      if (Date.now() - started >= options.budgetMs || options.signal?.aborted) break;
      const first = group[0]!;
      const end = first.healthHistoryFrom!;
      const floor = Math.min(...group.map((c) => historyFloor(c, now).getTime()));
      const start = new Date(Math.max(floor, end.getTime() - SLICE_MS));
      try {
        const read = await getMetricSeries(
          awsClients({ region: HEALTH_METRIC_REGION, accountId: first.awsAccountId, roleArn: first.roleArn }),
          group.map((c) => healthMetric(c.id, c.healthCheckId)),
          { start, end: new Date(end.getTime() + OVERLAP_MS), periodSeconds: 300, abortSignal: options.signal },
        );
        const data = group.flatMap((c) => {
          const s = read.series.get(c.id) ?? { timestamps: [], values: [] };
          return s.timestamps.map((at, i) => ({ chainId: c.id, at, value: s.values[i]! }));
        });
        for (let i = 0; i < data.length; i += INSERT_CHUNK) {
          await db.healthSample.createMany({ data: data.slice(i, i + INSERT_CHUNK), skipDuplicates: true });
        }
        await db.chain.updateMany({
          where: { id: { in: group.map((c) => c.id) }, healthHistoryFrom: end },
          data: { healthHistoryFrom: start },
        });
        if (data.length) oldest = Math.min(oldest, start.getTime());
        slices++;
        samples += data.length;
        progressed = true;
      } catch (error) {
        failures.push(`${first.awsAccountId}: ${describeAwsError(error)}`);
      }
    }
    if (!progressed) break;
  }
  if (oldest < Infinity) await rebuildHealthDays(new Date(oldest));
  const summary = `${slices} slice(s) of health history read, ${samples} samples`;
  if (failures.length) throw new Error(`${summary}; failed: ${failures.join('; ')}`);
  return summary;
}
