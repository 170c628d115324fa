import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeDBInstancesCommand, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { buildDemoSeries, writeDemoMetrics } from '@/lib/server/demo/demo-metrics';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { collectChains, collectFleet } from '@/lib/server/fleet/collect-fleet';
import { findChain } from '@/lib/server/fleet/find-chain';
import { requireEmulator, testRds } from '../support/aws';
import { listFleet } from '../support/fleet';

const fleet = buildDemoFleet();

describe('collector against the emulator', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 0.125 });
    await seedDemoAws(fleet);
    const now = Date.now();
    await writeDemoMetrics(await buildDemoSeries(fleet, now), { from: now - 3 * 3_600_000, to: now + 1 });
  });

  it('reports for every chain what the emulator says', async () => {
    const result = await collectFleet();
    expect(result.failedScopes).toEqual([]);
    const chains = await listFleet();
    expect(chains).toHaveLength(fleet.chains.length);
    for (const chain of chains) {
      const spec = fleet.chains.find((c) => c.slug === chain.slug)!;
      const rds = testRds(chain.region);
      if (spec.roleArn) continue; // read through the chain's own account below
      const { DBInstances } = await rds.send(
        new DescribeDBInstancesCommand({ DBInstanceIdentifier: spec.database.identifier }),
      );
      const described = DBInstances![0]!;
      expect(chain.database).toMatchObject({
        kind: spec.database.kind,
        identifier: described.DBInstanceIdentifier,
        instanceClass: described.DBInstanceClass,
        status: described.DBInstanceStatus,
        multiAz: described.MultiAZ,
      });
      expect(chain.app.state).toBe('running');
      expect(chain.stale).toBe(false);
    }
  });

  it('reads the chain that lives in its own account through AssumeRole', async () => {
    const own = fleet.chains.find((c) => c.roleArn)!;
    const chain = await findChain(own.slug);
    expect(chain).toMatchObject({
      ownAccount: true,
      accountId: own.accountId,
      database: { status: 'available', multiAz: true },
    });
  });

  it('classifies health from the health-check metric', async () => {
    const bySlug = new Map((await listFleet()).map((c) => [c.slug, c.health]));
    expect(bySlug.get('burger-barn')).toBe('healthy');
    expect(bySlug.get('taco-tierra')).toBe('degraded');
  });

  it('shows the demo imperfections as they are deployed', async () => {
    expect((await findChain('pizza-piazza'))?.database.multiAz).toBe(false);
    expect((await findChain('sunny-side-diner'))?.database).toMatchObject({
      backupRetentionDays: 0,
      latestBackupAt: null,
    });
    const shared = await findChain('bagel-bros');
    expect(shared?.database.kind).toBe('shared');
    expect(shared?.database.sharedWith.sort()).toEqual(['curry-house', 'waffle-works']);
  });

  it('follows a change made directly in AWS', async () => {
    await testRds('sa-east-1').send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'fp-sushi-wave',
        DBInstanceClass: 'db.r6g.large',
        MultiAZ: true,
        ApplyImmediately: true,
      }),
    );
    await collectFleet();
    expect((await findChain('sushi-wave'))?.database).toMatchObject({ instanceClass: 'db.r6g.large', multiAz: true });
  });

  it('refreshes one chain on demand: its scope only, the rest of the fleet and the pass history untouched', async () => {
    await collectFleet();
    await testRds('sa-east-1').send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'fp-sushi-wave',
        DBInstanceClass: 'db.r6g.xlarge',
        ApplyImmediately: true,
      }),
    );
    await testRds('us-east-1').send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'fp-burger-barn',
        DBInstanceClass: 'db.r6g.xlarge',
        ApplyImmediately: true,
      }),
    );
    const sushi = await db.chain.findUniqueOrThrow({ where: { slug: 'sushi-wave' }, select: { id: true } });
    const before = await db.deployment.findMany({
      where: { chainId: { not: sushi.id } },
      select: { chainId: true, refreshedAt: true },
    });
    const runs = await db.collectorRun.count();

    const result = await collectChains([sushi.id]);
    expect(result).toMatchObject({ chains: 1, skipped: false, failedScopes: [] });
    // One scope's four describes (RDS instances, snapshots, EC2, CloudWatch alarms) and one health query.
    expect(result.awsCalls).toBe(5);
    expect((await findChain('sushi-wave'))?.database.instanceClass).toBe('db.r6g.xlarge');
    // Burger Barn changed too, but was not asked for: it waits for the next whole pass.
    expect((await findChain('burger-barn'))?.database.instanceClass).toBe('db.m6g.large');
    expect(
      await db.deployment.findMany({
        where: { chainId: { not: sushi.id } },
        select: { chainId: true, refreshedAt: true },
      }),
    ).toEqual(before);
    expect(await db.collectorRun.count()).toBe(runs);
    await collectFleet();
    expect((await findChain('burger-barn'))?.database.instanceClass).toBe('db.r6g.xlarge');
    // Other files share the emulator.
    await testRds('us-east-1').send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: 'fp-burger-barn',
        DBInstanceClass: 'db.m6g.large',
        ApplyImmediately: true,
      }),
    );
    await collectFleet();
  });

  it('batches AWS calls: describes per account and region, GetMetricData at the batching bound', async () => {
    const result = await collectFleet();
    const scopes = new Map<string, Set<string>>();
    for (const c of fleet.chains) {
      const key = `${c.accountId}/${c.region}`;
      scopes.set(key, (scopes.get(key) ?? new Set()).add(c.database.identifier));
    }
    const accounts = new Map<string, number>();
    for (const c of fleet.chains) accounts.set(c.accountId, (accounts.get(c.accountId) ?? 0) + 1);
    // Caught up: one health query per chain per account, 500 queries a call, plus four paged describes
    // per scope (one page each at this size; no alarm in ALARM, so no tags read). CPU and storage were read
    // minutes ago: not due again.
    const healthCalls = [...accounts.values()].reduce((n, chains) => n + Math.ceil(chains / 500), 0);
    expect(result.awsCalls).toBe(scopes.size * 4 + healthCalls);
    // When they are due, two database queries per instance per scope join, 500 a call.
    await db.deployment.updateMany({ data: { dbMetricsAt: new Date(Date.now() - 11 * 60_000) } });
    const dbCalls = [...scopes.values()].reduce((n, dbs) => n + Math.ceil((2 * dbs.size) / 500), 0);
    expect((await collectFleet()).awsCalls).toBe(scopes.size * 4 + healthCalls + dbCalls);
    expect(await db.collectorRun.count({ where: { finishedAt: { not: null } } })).toBeGreaterThanOrEqual(3);
  });

  it('stores the health samples CloudWatch holds, and the month availability from them', async () => {
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: 'taco-tierra' }, select: { id: true } });
    const samples = await db.healthSample.findMany({ where: { chainId: chain.id }, orderBy: { at: 'asc' } });
    // Three hours of 5-minute samples were written; the last half hour reads 0.67 (degraded).
    expect(samples.length).toBeGreaterThanOrEqual(36);
    expect(samples.at(-1)!.value).toBeCloseTo(0.67);
    expect(samples.filter((s) => s.value < 1).length).toBe(6);
    const listed = (await listFleet({ q: 'taco' }))[0]!;
    const thisMonth = samples.filter(
      (s) => s.at >= new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)),
    );
    expect(listed.availability).toBeCloseTo(thisMonth.filter((s) => s.value >= 1).length / thisMonth.length, 10);
    expect(listed.cpuSpark.length).toBeGreaterThan(0);
  });

  it('records the CloudWatch alarms in ALARM tagged with a chain, on that chain only', async () => {
    const cloudwatch = new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 });
    const alarm = async (name: string, tags: { Key: string; Value: string }[], state: 'ALARM' | 'OK') => {
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: name,
          Namespace: 'AWS/RDS',
          MetricName: 'CPUUtilization',
          Statistic: 'Average',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 90,
          ComparisonOperator: 'GreaterThanThreshold',
          Tags: tags,
        }),
      );
      await cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: `${name} test` }),
      );
    };
    await alarm('burger-cpu', [{ Key: 'fleetpane:chain', Value: 'burger-barn' }], 'ALARM');
    await alarm('burger-quiet', [{ Key: 'fleetpane:chain', Value: 'burger-barn' }], 'OK');
    await alarm('someone-elses', [{ Key: 'team', Value: 'data' }], 'ALARM');
    const result = await collectFleet();
    const alarms = await db.deployment.findMany({
      where: { NOT: { cloudwatchAlarms: { equals: [] } } },
      select: { cloudwatchAlarms: true, chain: { select: { slug: true } } },
    });
    expect(alarms).toEqual([
      {
        chain: { slug: 'burger-barn' },
        cloudwatchAlarms: [expect.objectContaining({ name: 'burger-cpu', reason: 'burger-cpu test' })],
      },
    ]);
    for (const name of ['burger-cpu', 'someone-elses'])
      await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'OK', StateReason: 'over' }));
    await collectFleet();
    expect(await db.deployment.count({ where: { NOT: { cloudwatchAlarms: { equals: [] } } } })).toBe(0);
    expect(result.failedScopes).toEqual([]);
  });

  it('never overlaps itself: a pass while another holds the lease does nothing', async () => {
    const { acquireCollectorLease } = await import('@/lib/server/fleet/collector-lease');
    const release = await acquireCollectorLease();
    expect(release).not.toBeNull();
    expect(await acquireCollectorLease()).toBeNull();
    expect(await collectFleet()).toMatchObject({ skipped: true, awsCalls: 0 });
    await release!();
    expect(await collectFleet()).toMatchObject({ skipped: false });
  });

  it('contains a failing region: only its chains go stale, with the reason', async () => {
    const tier = await db.slaTier.findFirstOrThrow({ where: { key: 'starter' }, select: { id: true } });
    // The emulator answers an unknown region with errors, as an unreachable or throttled region would.
    await db.chain.create({
      data: {
        slug: 'lost-lagoon',
        name: 'Lost Lagoon',
        region: 'xx-nowhere-1',
        awsAccountId: '123456789012',
        healthCheckId: 'hc-lost-lagoon',
        tierId: tier.id,
        deployment: {
          create: { databaseKind: 'dedicated', dbInstanceIdentifier: 'fp-lost-lagoon', databaseName: 'lost_lagoon' },
        },
      },
    });
    const result = await collectFleet();
    expect(result.failedScopes.map((f) => f.scope)).toEqual(['123456789012/xx-nowhere-1']);
    const chains = await listFleet();
    const lost = chains.find((c) => c.slug === 'lost-lagoon')!;
    expect(lost).toMatchObject({ stale: true, health: 'unknown' });
    expect(lost.staleReason).toMatch(/^xx-nowhere-1 \(123456789012\) could not be read/);
    expect(chains.filter((c) => c.slug !== 'lost-lagoon').every((c) => !c.stale)).toBe(true);
    await db.chain.delete({ where: { slug: 'lost-lagoon' } });
  });
});
