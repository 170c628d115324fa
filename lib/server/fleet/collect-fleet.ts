import 'server-only';
import { groupBy } from '@/lib/group-by';
import { scopeKey } from '@/lib/server/aws/clients';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
import { latestBackup } from '@/lib/server/aws/rds';
import { announceChange } from '@/lib/server/db/change-signal';
import { db } from '@/lib/server/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { syncConformance } from '@/lib/server/sla/find-conformance';
import { rebuildHealthDays } from '@/lib/server/sla/health-days';
import { classifyHealth } from './classify-health';
import { readScope } from './read-scope';
import { acquireCollectorLease } from './collector-lease';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';
import { dbKey, OVERLAP_MS, readDbMetrics, readHealth } from './read-fleet-metrics';
import type { HealthRead } from './read-fleet-metrics';
import type { MetricChain } from './read-fleet-metrics';

export type CollectResult = {
  chains: number;
  awsCalls: number;
  healthSamples: number;
  failedScopes: { scope: string; reason: string }[];
  durationMs: number;
  /** Of which waiting for AWS (all reads run in parallel). */
  awsMs: number;
  /** True when another worker's pass held the lease: this one did nothing. */
  skipped: boolean;
};

type ChainRow = MetricChain & {
  slug: string;
  dbMetricsAt: Date | null;
  deployment: { id: string; dbInstanceIdentifier: string } | null;
};

const state = globalThis as unknown as {
  fleetpaneCollect?: Promise<CollectResult>;
  fleetpaneScoped?: Promise<unknown>;
};
const INSERT_CHUNK = 5_000;
const DB_METRICS_EVERY_MS = 10 * 60_000;

/** Reads the whole fleet from AWS into the database. A call while a pass runs joins that pass. */
export function collectFleet(): Promise<CollectResult> {
  // After any refresh of a few chains in flight (they share the lease), never instead of it.
  state.fleetpaneCollect ??= settled(state.fleetpaneScoped)
    .then(() => runExclusive())
    .finally(() => {
      state.fleetpaneCollect = undefined;
    });
  return state.fleetpaneCollect;
}

/**
 * Refreshes a few chains now (the ones an operation just changed): their account and region's descriptions,
 * their health and conformance, not the whole fleet. It runs after a whole-fleet pass in flight, whose
 * reads may predate the operation's last change.
 */
export function collectChains(chainIds: string[]): Promise<CollectResult> {
  // Both captured now: by the time they settle, state.fleetpaneScoped is this run itself.
  const fleetPass = settled(state.fleetpaneCollect);
  const earlier = settled(state.fleetpaneScoped);
  const run = Promise.all([fleetPass, earlier]).then(() => runExclusive(chainIds));
  const tracked: Promise<unknown> = settled(run).finally(() => {
    if (state.fleetpaneScoped === tracked) state.fleetpaneScoped = undefined;
  });
  state.fleetpaneScoped = tracked;
  return run;
}

const settled = (p: Promise<unknown> | undefined) => (p ?? Promise.resolve()).catch(() => undefined);

/** One entry per account and region, whichever of its reads failed first. */
function uniqueScopes(failures: CollectResult['failedScopes']): CollectResult['failedScopes'] {
  return [...new Map(failures.map((f) => [f.scope, f] as const)).values()];
}

async function runExclusive(only?: string[]): Promise<CollectResult> {
  const release = await acquireCollectorLease();
  if (!release)
    return { chains: 0, awsCalls: 0, healthSamples: 0, failedScopes: [], durationMs: 0, awsMs: 0, skipped: true };
  try {
    return await runCollect(only);
  } finally {
    await release();
  }
}

/** A pass over the fleet, or over some chains only (not recorded as a collector run: the fleet was not read). */
async function runCollect(only?: string[]): Promise<CollectResult> {
  const started = Date.now();
  const now = new Date();
  const run = only ? null : await db.collectorRun.create({ data: {}, select: { id: true } });
  const rows = await db.chain.findMany({
    where: { decommissionedAt: null, ...(only ? { id: { in: only } } : {}) },
    select: {
      id: true,
      slug: true,
      region: true,
      awsAccountId: true,
      roleArn: true,
      healthCheckId: true,
      createdAt: true,
      deployment: { select: { id: true, dbInstanceIdentifier: true, dbMetricsAt: true } },
    },
  });
  const chains: ChainRow[] = rows.map((r) => ({
    ...r,
    dbInstanceIdentifier: r.deployment?.dbInstanceIdentifier ?? null,
    dbMetricsAt: r.deployment?.dbMetricsAt ?? null,
  }));
  const dbMetricsDue = new Date(now.getTime() - DB_METRICS_EVERY_MS);
  const lastSamples = await db.healthSample.groupBy({
    by: ['chainId'],
    ...(only ? { where: { chainId: { in: only } } } : {}),
    _max: { at: true },
  });
  const lastSampleAt = new Map(lastSamples.flatMap((r) => (r._max.at ? [[r.chainId, r._max.at] as const] : [])));

  const awsStarted = Date.now();
  const scopes = groupBy(
    chains,
    (c) => `${scopeKey({ region: c.region, accountId: c.awsAccountId })}/${c.roleArn ?? ''}`,
  );
  const [scopeResults, healthRead, dbMetrics] = await Promise.all([
    Promise.all(
      [...scopes.values()].map((group) =>
        readScope({ region: group[0]!.region, accountId: group[0]!.awsAccountId, roleArn: group[0]!.roleArn }).then(
          (r) => ({ group, ...r, error: null as string | null }),
          (error: unknown) => ({ group, state: null, calls: 0, error: describeAwsError(error) }),
        ),
      ),
    ),
    readHealth(chains, lastSampleAt, now),
    // Hourly CPU and free storage change slowly: read them every 10 minutes, not on every pass.
    readDbMetrics(
      chains.filter((c) => !c.dbMetricsAt || c.dbMetricsAt < dbMetricsDue),
      now,
    ),
  ]);
  const awsMs = Date.now() - awsStarted;
  let awsCalls = healthRead.calls + dbMetrics.calls;
  const failedScopes = [...healthRead.failures, ...dbMetrics.failures];
  const updates: Prisma.PrismaPromise<unknown>[] = [];

  for (const { group, state: scopeState, calls, error } of scopeResults) {
    awsCalls += calls;
    const first = group[0]!;
    if (error || !scopeState) {
      failedScopes.push({ scope: `${first.awsAccountId}/${first.region}`, reason: error ?? 'unknown' });
      // Keep the last good values; mark only this scope's rows stale, with the reason.
      updates.push(
        db.deployment.updateMany({
          where: { chainId: { in: group.map((c) => c.id) } },
          data: {
            staleReason: `${first.region} (${first.awsAccountId}) could not be read: ${error}`,
            health: 'unknown',
            unreadablePasses: { increment: 1 },
          },
        }),
      );
      continue;
    }
    for (const chain of group) {
      if (!chain.deployment) continue;
      const id = chain.deployment.dbInstanceIdentifier;
      const rds = scopeState.db.get(id);
      const app = scopeState.apps.get(chain.slug);
      const snapshots = scopeState.snapshots.get(id) ?? [];
      const metrics = dbMetrics.metrics.get(dbKey(chain, id));
      const health = healthRead.health.get(chain.id);
      updates.push(
        db.deployment.update({
          where: { id: chain.deployment.id },
          data: {
            appInstanceId: app?.instanceId ?? null,
            appInstanceType: app?.instanceType ?? null,
            appState: app?.state ?? 'missing',
            dbClass: rds?.instanceClass ?? null,
            dbEngine: rds?.engine ?? null,
            dbEngineVersion: rds?.engineVersion ?? null,
            dbStatus: rds?.status ?? 'missing',
            multiAz: rds?.multiAz ?? null,
            allocatedStorageGb: rds?.allocatedStorageGb ?? null,
            backupRetentionDays: rds?.backupRetentionDays ?? null,
            storageEncrypted: rds?.storageEncrypted ?? null,
            deletionProtection: rds?.deletionProtection ?? null,
            dbEndpoint: rds?.endpoint ?? null,
            dbTags: rds?.tags ?? undefined,
            latestSnapshotAt: latestBackup(snapshots, rds?.backupRetentionDays ?? null),
            recentSnapshots: snapshots,
            // Metrics that could not be read keep their last values.
            ...(metrics
              ? {
                  cpuSpark: metrics.cpuSpark,
                  freeStorageBytes:
                    metrics.freeStorageBytes === null ? null : BigInt(Math.round(metrics.freeStorageBytes)),
                  dbMetricsAt: now,
                }
              : {}),
            health: health ? classifyHealth(health.recent) : 'unknown',
            healthObservedAt: health ? now : undefined,
            cloudwatchAlarms: scopeState.alarms ? (scopeState.alarms.get(chain.slug) ?? []) : undefined,
            refreshedAt: now,
            staleReason: null,
            unreadablePasses: 0,
          },
        }),
      );
    }
  }
  await db.$transaction(updates);

  const samples = [...healthRead.health.entries()].flatMap(([chainId, h]) =>
    h.samples.map((s) => ({ chainId, at: s.at, value: s.value })),
  );
  for (let i = 0; i < samples.length; i += INSERT_CHUNK) {
    await db.healthSample.createMany({ data: samples.slice(i, i + INSERT_CHUNK), skipDuplicates: true });
  }
  if (samples.length)
    await rebuildHealthDays(new Date(samples.reduce((min, s) => Math.min(min, s.at.getTime()), Infinity)));
  await markHistoryStarts(lastSampleAt, healthRead.health);
  await syncConformance({ now, chainIds: only });

  const result: CollectResult = {
    chains: chains.length,
    awsCalls,
    healthSamples: samples.length,
    failedScopes: uniqueScopes(failedScopes),
    durationMs: Date.now() - started,
    awsMs,
    skipped: false,
  };
  if (run) {
    await db.collectorRun.update({
      where: { id: run.id },
      data: {
        finishedAt: new Date(),
        awsCalls,
        chains: chains.length,
        failedScopes: result.failedScopes.length,
        error: result.failedScopes.map((f) => `${f.scope}: ${f.reason}`).join('\n') || null,
      },
    });
  }
  await announceChange('fleet');
  // The alert rules read what this pass wrote: evaluated now rather than at their next run.
  await requestRunNow('alerts');
  return result;
}

/**
 * A chain read for the first time, or after a gap longer than a pass reads, has its history stored back to
 * where this pass began, no further: the health-history job goes on from there, newest first.
 */
async function markHistoryStarts(lastSampleAt: Map<string, Date>, health: Map<string, HealthRead>): Promise<void> {
  const starts = [...health].flatMap(([id, read]) => {
    const last = lastSampleAt.get(id);
    const gap = !last || last.getTime() - OVERLAP_MS < read.from.getTime();
    return gap ? [{ id, from: read.from }] : [];
  });
  if (starts.length) {
    // Chains read by one call share its start: one statement per start.
    const byStart = groupBy(starts, (s) => String(s.from.getTime()));
    await db.$transaction(
      [...byStart.values()].map((group) =>
        db.chain.updateMany({
          where: { id: { in: group.map((s) => s.id) } },
          data: { healthHistoryFrom: group[0]!.from },
        }),
      ),
    );
    // The history job starts on it now rather than at its next run (a no-op where no scheduler runs).
    await requestRunNow('health-history');
  }
}
