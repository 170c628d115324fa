import 'server-only';
import { config } from '@/lib/config';
import { alertRules } from '@/lib/alerts/alert-rules';
import type { AlertRule } from '@/lib/alerts/alert-rules';
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { countBurnWindows } from '@/lib/server/sla/count-health';
import { findConformance } from '@/lib/server/sla/find-conformance';
import type { ChainAlarm } from '@/lib/server/aws/cloudwatch-alarms';
import { formatBurn } from '@/lib/sla/sla-format';
import { burnAlerts } from '@/lib/sla/sla-math';

// The rules' conditions, for every live chain at once, from what the collector, the operations and the flag
// drift job recorded: a constant number of queries whatever the fleet's size. A signal is a rule whose
// problem is there now; its absence means the problem is over.

export type Signal = {
  chainId: string;
  rule: AlertRule;
  summary: string;
  /** Facts for the notification's fields, each a short string. */
  detail: Record<string, string>;
};

// A failed operation is a problem until an operation of its type succeeds on the chain, for at most a week.
const FAILED_OPERATION_DAYS = 7;
const windowLabel = (minutes: number) => (minutes < 60 ? `${minutes} min` : `${minutes / 60} h`);

function burnSignals(
  chain: { id: string; name: string; targetPct: number },
  windows: Map<number, { healthy: number; measured: number }> | undefined,
): Signal[] {
  if (!windows) return [];
  const firing = burnAlerts(chain.targetPct, windows).filter((a) => a.firing);
  return (['page', 'ticket'] as const).flatMap((level) => {
    const rule = firing.find((a) => a.level === level);
    if (!rule) return [];
    const pair = `${windowLabel(rule.longMinutes)} / ${windowLabel(rule.shortMinutes)}`;
    return [
      {
        chainId: chain.id,
        rule: level === 'page' ? 'slo-burn-page' : 'slo-burn-ticket',
        summary: `error budget burning ${formatBurn(rule.longRate)} over ${pair} (above ${rule.factor}×)`,
        detail: {
          windows: pair,
          burnRate: `${formatBurn(rule.longRate)} / ${formatBurn(rule.shortRate)}`,
          threshold: `${rule.factor}×`,
          target: `${chain.targetPct}%`,
        },
      },
    ];
  });
}

/** Every rule's signals now, over the live (not decommissioned) chains. */
export async function readSignals(now = new Date()): Promise<{ signals: Signal[]; chainIds: string[] }> {
  const chains = await db.chain.findMany({
    where: { decommissionedAt: null },
    select: {
      id: true,
      name: true,
      tier: { select: { availabilityTarget: true } },
      deployment: { select: { unreadablePasses: true, staleReason: true, cloudwatchAlarms: true } },
      flagStates: {
        where: { drift: { in: ['modified', 'missing'] } },
        select: { drift: true, flag: { select: { key: true } } },
      },
    },
  });
  const ids = chains.map((c) => c.id);
  if (ids.length === 0) return { signals: [], chainIds: [] };
  const since = new Date(now.getTime() - FAILED_OPERATION_DAYS * 86_400_000);
  const [burn, conformance, finished] = await Promise.all([
    countBurnWindows(ids, now),
    findConformance(ids, now),
    // Per chain and type that failed within the week, the newest finished operation of that type. Started
    // only: one cancelled before it started is ended as failed but is nobody's problem.
    db.$queryRaw<
      { id: string; chainId: string; type: string; status: string; error: string | null; finishedAt: Date }[]
    >`
      WITH f AS (
        SELECT DISTINCT "chainId", "type" FROM "Operation"
        WHERE "chainId" IN (${Prisma.join(ids)})
          AND "status" IN ('failed', 'rolled_back') AND "startedAt" IS NOT NULL AND "finishedAt" >= ${since}
      )
      SELECT DISTINCT ON (o."chainId", o."type") o."id", o."chainId", o."type", o."status"::text AS "status", o."error", o."finishedAt"
      FROM "Operation" o JOIN f ON f."chainId" = o."chainId" AND f."type" = o."type"
      WHERE o."startedAt" IS NOT NULL AND o."finishedAt" IS NOT NULL AND o."status" IN ('succeeded', 'failed', 'rolled_back')
      ORDER BY o."chainId", o."type", o."finishedAt" DESC`,
  ]);
  const failedByChain = new Map<string, typeof finished>();
  for (const op of finished)
    if (op.status !== 'succeeded') failedByChain.set(op.chainId, [...(failedByChain.get(op.chainId) ?? []), op]);

  const signals: Signal[] = [];
  const add = (chainId: string, rule: AlertRule, summary: string, detail: Record<string, string>) =>
    signals.push({ chainId, rule, summary, detail });
  for (const c of chains) {
    signals.push(
      ...burnSignals({ id: c.id, name: c.name, targetPct: c.tier.availabilityTarget.toNumber() }, burn.get(c.id)),
    );

    const findings = conformance.get(c.id)?.findings.filter((f) => f.direction === 'under') ?? [];
    const backup = findings.find((f) => f.rule === 'backup-age');
    if (backup)
      add(c.id, 'backup-stale', `${backup.title.toLowerCase()} (promised ${backup.promised})`, {
        promised: backup.promised,
        deployed: backup.deployed,
      });
    const under = findings.filter((f) => f.rule !== 'backup-age');
    if (under.length)
      add(
        c.id,
        'conformance-under',
        `deployed under the contract (${under.map((f) => f.title).join('; ')})`,
        Object.fromEntries(under.map((f) => [f.rule, `${f.deployed} (promised ${f.promised})`])),
      );

    const failed = failedByChain.get(c.id) ?? [];
    if (failed.length)
      add(
        c.id,
        'operation-failed',
        `${failed.map((op) => `${op.type} ${op.status === 'failed' ? 'failed' : 'rolled back'}`).join(', ')}`,
        Object.fromEntries(
          failed.map((op) => [
            op.type,
            `${op.status} ${op.finishedAt.toISOString()}: ${op.error ?? ''} (operation ${op.id})`,
          ]),
        ),
      );

    if (c.flagStates.length)
      add(
        c.id,
        'flag-drift',
        `${c.flagStates.length} flag(s) differ from Fleetpane's values`,
        Object.fromEntries(c.flagStates.map((s) => [s.flag.key, s.drift])),
      );

    const alarms = (c.deployment?.cloudwatchAlarms ?? []) as ChainAlarm[];
    if (alarms.length)
      add(
        c.id,
        'cloudwatch-alarm',
        `CloudWatch alarm ${alarms.map((a) => a.name).join(', ')} in ALARM`,
        Object.fromEntries(alarms.map((a) => [a.name, `${a.reason} (since ${a.since})`])),
      );

    const passes = c.deployment?.unreadablePasses ?? 0;
    if (passes >= config().alerts.unreadablePasses)
      add(c.id, 'chain-unreadable', `not read for ${passes} passes in a row`, {
        passes: String(passes),
        reason: c.deployment?.staleReason ?? 'unknown',
      });
  }
  return { signals, chainIds: ids };
}

export const severityOf = (rule: AlertRule) => alertRules[rule].severity;
