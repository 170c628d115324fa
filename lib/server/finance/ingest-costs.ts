import 'server-only';
import { awsClients } from '@/lib/server/aws/clients';
import { getCostAndUsage } from '@/lib/server/aws/cost-explorer';
import type { CostLineInput } from '@/lib/server/aws/cost-explorer';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import type { LastCostIngest } from '@/lib/finance/dto';
import { announceChange } from '@/lib/server/db/change-signal';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';

const COST_HISTORY_MONTHS = 12;

export type IngestResult = {
  accounts: number;
  lines: number;
  calls: number;
  failures: { account: string; reason: string }[];
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The windows an ingestion reads: the last 12 closed months (monthly) and this month so far (daily). */
export function ingestWindows(now: Date): {
  monthly: { start: string; end: string };
  daily: { start: string; end: string } | null;
} {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return {
    monthly: {
      start: isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - COST_HISTORY_MONTHS, 1))),
      end: isoDay(monthStart),
    },
    // On the 1st the month has no closed day yet.
    daily: today > monthStart ? { start: isoDay(monthStart), end: isoDay(today) } : null,
  };
}

/**
 * Reads Cost Explorer for every account the fleet spans and replaces the stored rows of the periods read
 * (one transaction per account and granularity), so a re-run never doubles a cost. An account that fails
 * keeps its earlier rows and is reported; the others are unaffected.
 */
export async function ingestCosts(now = new Date(), actor?: Actor): Promise<IngestResult> {
  const run = await db.costIngestRun.create({ data: {}, select: { id: true } });
  const windows = ingestWindows(now);
  // Every account with a chain in the months read, retired ones included: their last months still cost.
  const accounts = await db.chain.findMany({
    where: {
      OR: [{ decommissionedAt: null }, { decommissionedAt: { gte: new Date(`${windows.monthly.start}T00:00:00Z`) } }],
    },
    distinct: ['awsAccountId'],
    select: { awsAccountId: true, roleArn: true },
  });
  const result: IngestResult = { accounts: accounts.length, lines: 0, calls: 0, failures: [] };
  for (const account of accounts) {
    // Cost Explorer answers in us-east-1 whatever the regions of the resources.
    const clients = awsClients({ region: 'us-east-1', accountId: account.awsAccountId, roleArn: account.roleArn });
    try {
      const reads: { granularity: 'month' | 'day'; window: { start: string; end: string }; lines: CostLineInput[] }[] =
        [];
      const monthly = await getCostAndUsage(clients, { ...windows.monthly, granularity: 'MONTHLY' });
      result.calls += monthly.calls;
      reads.push({ granularity: 'month', window: windows.monthly, lines: monthly.lines });
      if (windows.daily) {
        const daily = await getCostAndUsage(clients, { ...windows.daily, granularity: 'DAILY' });
        result.calls += daily.calls;
        reads.push({ granularity: 'day', window: windows.daily, lines: daily.lines });
      }
      for (const read of reads) {
        await db.$transaction(async (tx) => {
          const replaced = await tx.costLine.deleteMany({
            where: {
              accountId: account.awsAccountId,
              granularity: read.granularity,
              periodStart: { gte: new Date(read.window.start), lt: new Date(read.window.end) },
            },
          });
          const written = await tx.costLine.createMany({
            data: read.lines.map((l) => ({
              accountId: account.awsAccountId,
              granularity: read.granularity,
              periodStart: new Date(l.periodStart),
              tagValue: l.tagValue,
              service: l.service,
              amount: l.amount,
              currency: l.currency,
            })),
            // Cost Explorer never repeats a group in a period; if it did, the first one stands.
            skipDuplicates: true,
          });
          await recordAuditEvent(
            {
              actor,
              action: 'costs.replaced',
              result: 'ok',
              target: `account:${account.awsAccountId}/${read.granularity}/${read.window.start}..${read.window.end}`,
              before: { lines: replaced.count },
              after: { lines: written.count },
            },
            tx,
          );
        });
        result.lines += read.lines.length;
      }
    } catch (error) {
      result.failures.push({ account: account.awsAccountId, reason: describeAwsError(error) });
    }
  }
  await announceChange('finance');
  await db.costIngestRun.update({
    where: { id: run.id },
    data: {
      finishedAt: new Date(),
      accounts: result.accounts,
      lines: result.lines,
      error: result.failures.map((f) => `${f.account}: ${f.reason}`).join('\n') || null,
    },
  });
  return result;
}

/** The newest finished ingestion, for "cost data as of". */
export async function findLastCostIngest(): Promise<LastCostIngest | null> {
  const run = await db.costIngestRun.findFirst({
    where: { finishedAt: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { finishedAt: true, lines: true, error: true },
  });
  return run && { finishedAt: run.finishedAt!.toISOString(), lines: run.lines, error: run.error };
}
