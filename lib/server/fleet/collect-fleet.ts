import 'server-only';
import { awsClients, HEALTH_METRIC_REGION, scopeKey } from '@/lib/server/aws/clients';
import type { AwsScope } from '@/lib/server/aws/clients';
import { getMetricSeries } from '@/lib/server/aws/cloudwatch';
import { describeAppInstances } from '@/lib/server/aws/ec2';
import type { AppInstanceState } from '@/lib/server/aws/ec2';
import { describeDbInstances, describeLatestSnapshots, latestBackup } from '@/lib/server/aws/rds';
import type { DbInstanceState, LatestSnapshots } from '@/lib/server/aws/rds';
import { db } from '@/lib/server/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Health } from '@/lib/generated/prisma/enums';
import { classifyHealth } from './classify-health';
import { HEALTH_WINDOW_MINUTES, healthMetric } from './health-metric';

export type CollectResult = {
  chains: number;
  awsCalls: number;
  failedScopes: { scope: string; reason: string }[];
  durationMs: number;
};

type ChainRow = {
  id: string;
  slug: string;
  region: string;
  awsAccountId: string;
  roleArn: string | null;
  healthCheckId: string;
  deployment: { id: string; dbInstanceIdentifier: string } | null;
};

type ScopeState = { db: Map<string, DbInstanceState>; snapshots: Map<string, LatestSnapshots>; apps: Map<string, AppInstanceState> };

const state = globalThis as unknown as { fleetpaneCollect?: Promise<CollectResult> };

/** Reads the whole fleet from AWS into the database. A call while a pass runs joins that pass. */
export function collectFleet(): Promise<CollectResult> {
  state.fleetpaneCollect ??= runCollect().finally(() => {
    state.fleetpaneCollect = undefined;
  });
  return state.fleetpaneCollect;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${(e.message ?? String(error)).slice(0, 200)}`;
}

async function readScope(scope: AwsScope): Promise<{ state: ScopeState; calls: number }> {
  const clients = awsClients(scope);
  const [dbs, snaps, apps] = await Promise.all([
    describeDbInstances(clients),
    describeLatestSnapshots(clients),
    describeAppInstances(clients),
  ]);
  return {
    state: {
      db: new Map(dbs.instances.map((i) => [i.identifier, i])),
      snapshots: snaps.latest,
      apps: new Map(apps.instances.map((i) => [i.chainSlug, i])),
    },
    calls: dbs.calls + snaps.calls + apps.calls,
  };
}

async function readHealth(chains: ChainRow[]): Promise<{ health: Map<string, Health>; calls: number }> {
  const first = chains[0]!;
  const clients = awsClients({ region: HEALTH_METRIC_REGION, accountId: first.awsAccountId, roleArn: first.roleArn });
  const end = new Date();
  const start = new Date(end.getTime() - HEALTH_WINDOW_MINUTES * 60_000);
  const { series, calls } = await getMetricSeries(
    clients,
    chains.map((c) => healthMetric(c.id, c.healthCheckId)),
    { start, end, periodSeconds: 300 },
  );
  return { health: new Map(chains.map((c) => [c.id, classifyHealth(series.get(c.id)?.values ?? [])])), calls };
}

async function runCollect(): Promise<CollectResult> {
  const started = Date.now();
  const run = await db.collectorRun.create({ data: {}, select: { id: true } });
  const chains: ChainRow[] = await db.chain.findMany({
    where: { decommissionedAt: null },
    select: {
      id: true,
      slug: true,
      region: true,
      awsAccountId: true,
      roleArn: true,
      healthCheckId: true,
      deployment: { select: { id: true, dbInstanceIdentifier: true } },
    },
  });
  let awsCalls = 0;
  const failedScopes: CollectResult['failedScopes'] = [];
  const updates: Prisma.PrismaPromise<unknown>[] = [];
  const now = new Date();

  const scopes = groupBy(chains, (c) => `${scopeKey({ region: c.region, accountId: c.awsAccountId })}/${c.roleArn ?? ''}`);
  const healthGroups = groupBy(chains, (c) => `${c.awsAccountId}/${c.roleArn ?? ''}`);
  const [scopeResults, healthResults] = await Promise.all([
    Promise.all(
      [...scopes.values()].map((group) =>
        readScope({ region: group[0]!.region, accountId: group[0]!.awsAccountId, roleArn: group[0]!.roleArn }).then(
          (r) => ({ group, ...r, error: null as string | null }),
          (error: unknown) => ({ group, state: null, calls: 0, error: describeError(error) }),
        ),
      ),
    ),
    Promise.all(
      [...healthGroups.values()].map((group) =>
        readHealth(group).catch(() => ({ health: new Map<string, Health>(), calls: 0 })),
      ),
    ),
  ]);
  const health = new Map<string, Health>();
  for (const r of healthResults) {
    awsCalls += r.calls;
    for (const [k, v] of r.health) health.set(k, v);
  }

  for (const { group, state: scopeState, calls, error } of scopeResults) {
    awsCalls += calls;
    const first = group[0]!;
    if (error || !scopeState) {
      failedScopes.push({ scope: `${first.awsAccountId}/${first.region}`, reason: error ?? 'unknown' });
      // Keep the last good values; mark only this scope's rows stale, with the reason.
      updates.push(
        db.deployment.updateMany({
          where: { chainId: { in: group.map((c) => c.id) } },
          data: { staleReason: `${first.region} (${first.awsAccountId}) could not be read: ${error}`, health: 'unknown' },
        }),
      );
      continue;
    }
    for (const chain of group) {
      if (!chain.deployment) continue;
      const rds = scopeState.db.get(chain.deployment.dbInstanceIdentifier);
      const app = scopeState.apps.get(chain.slug);
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
            latestSnapshotAt: latestBackup(scopeState.snapshots.get(chain.deployment.dbInstanceIdentifier), rds?.backupRetentionDays ?? null),
            health: health.get(chain.id) ?? 'unknown',
            healthObservedAt: now,
            refreshedAt: now,
            staleReason: null,
          },
        }),
      );
    }
  }
  await db.$transaction(updates);
  const result = { chains: chains.length, awsCalls, failedScopes, durationMs: Date.now() - started };
  await db.collectorRun.update({
    where: { id: run.id },
    data: {
      finishedAt: new Date(),
      awsCalls,
      chains: chains.length,
      failedScopes: failedScopes.length,
      error: failedScopes.map((f) => `${f.scope}: ${f.reason}`).join('\n') || null,
    },
  });
  return result;
}
