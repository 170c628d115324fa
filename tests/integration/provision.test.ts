import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-rds';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { provisionChain as provisionChainThrowing } from '@/lib/server/operations/provision-chain';
import { requireEmulator, testRds } from '../support/aws';
import { outcomeOf } from '../support/outcome';

const provisionChain = outcomeOf(provisionChainThrowing);

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
let user: { id: string; email: string };
const body = (slug: string, extra: object = {}) => ({
  slug,
  name: `New ${slug}`,
  region: 'eu-west-1',
  tier: 'enterprise',
  residency: 'EU',
  accountManagerEmail: 'am@fleetpane.local',
  database: { storageGb: 200 },
  appInstanceType: 'm6i.large',
  contract: { startDate: '2026-12-01', endDate: '2027-11-30', monthlyPrice: '4900.00', currency: 'EUR' },
  ...extra,
});
const appOf = async (slug: string) => {
  const out = await new EC2Client({ region: 'eu-west-1', maxAttempts: 1 }).send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:fleetpane:chain', Values: [slug] }] }),
  );
  return out.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
};

describe('provisioning a chain', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(buildDemoFleet(), { historyDays: 0.05 });
    user = (await db.user.findFirstOrThrow({ where: { role: 'ops' }, select: { id: true, email: true } })) as {
      id: string;
      email: string;
    };
  });

  it('builds the tier’s template, tagged for cost allocation, and registers the chain with its contract', async () => {
    const r = await provisionChain(user, body('gelato-garden'), randomUUID());
    if (!r.ok) throw new Error(r.message);
    await drainOperations('test-worker');
    expect((await db.operation.findUniqueOrThrow({ where: { id: r.operation.id } })).status).toBe('succeeded');
    const rds = (
      await testRds('eu-west-1').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'fp-gelato-garden' }))
    ).DBInstances![0]!;
    // Enterprise: Multi-AZ, 14 days of backups, deletion protection, the class floor, encrypted.
    expect(rds).toMatchObject({
      DBInstanceClass: 'db.m6g.large',
      MultiAZ: true,
      BackupRetentionPeriod: 14,
      DeletionProtection: true,
      StorageEncrypted: true,
      AllocatedStorage: 200,
    });
    const tags = (await testRds('eu-west-1').send(new ListTagsForResourceCommand({ ResourceName: rds.DBInstanceArn! })))
      .TagList;
    expect(tags).toContainEqual({ Key: 'fleetpane:chain', Value: 'gelato-garden' });
    const [app] = await appOf('gelato-garden');
    expect([app?.InstanceType, app?.State?.Name]).toEqual(['m6i.large', 'running']);
    const chain = await db.chain.findUniqueOrThrow({
      where: { slug: 'gelato-garden' },
      select: {
        decommissionedAt: true,
        accountManager: { select: { email: true } },
        contract: { select: { currency: true } },
        deployment: { select: { appInstanceId: true } },
      },
    });
    // The chain's configuration, where its app reads it.
    const ssm = new SSMClient({ region: 'eu-west-1', maxAttempts: 1 });
    const stored =
      (await ssm.send(new GetParametersByPathCommand({ Path: '/fleetpane/gelato-garden/' }))).Parameters ?? [];
    expect(Object.fromEntries(stored.map((p) => [p.Name, p.Value]))).toMatchObject({
      '/fleetpane/gelato-garden/database-instance': 'fp-gelato-garden',
      '/fleetpane/gelato-garden/database-name': 'gelato_garden',
      '/fleetpane/gelato-garden/tier': 'enterprise',
    });
    expect(chain).toMatchObject({
      decommissionedAt: null,
      accountManager: { email: 'am@fleetpane.local' },
      contract: { currency: 'EUR' },
      deployment: { appInstanceId: app?.InstanceId },
    });
  });

  it('refuses what the tier or residency forbids, naming every problem, and a taken slug', async () => {
    const r = await provisionChain(
      user,
      body('gelato-garden', { region: 'us-east-1', database: { instanceClass: 'db.t4g.small', storageGb: 10 } }),
      randomUUID(),
    );
    expect(r).toMatchObject({ ok: false, status: 400 });
    const issues = r.ok ? [] : (r.issues ?? []);
    expect(issues.join('\n')).toMatch(/storageGb/);
    const r2 = await provisionChain(
      user,
      body('gelato-garden', { region: 'us-east-1', database: { instanceClass: 'db.t4g.small' } }),
      randomUUID(),
    );
    const issues2 = r2.ok ? [] : (r2.issues ?? []);
    expect(issues2.join('\n')).toMatch(/taken/);
    expect(issues2.join('\n')).toMatch(/residency/);
    expect(issues2.join('\n')).toMatch(/instance-class/);
  });

  it('rolls back every resource it made when the health check fails', async () => {
    // The new chain's health check already reports it down.
    await new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 }).send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Route53',
        MetricData: [
          {
            MetricName: 'HealthCheckStatus',
            Dimensions: [{ Name: 'HealthCheckId', Value: 'hc-sorbet-stand' }],
            Timestamp: new Date(Date.now() - 60_000),
            Value: 0,
          },
        ],
      }),
    );
    const r = await provisionChain(user, body('sorbet-stand'), randomUUID());
    if (!r.ok) throw new Error(r.message);
    await drainOperations('test-worker');
    const op = await db.operation.findUniqueOrThrow({
      where: { id: r.operation.id },
      select: {
        status: true,
        error: true,
        steps: { select: { name: true, status: true }, orderBy: { position: 'asc' } },
      },
    });
    expect(op.status).toBe('rolled_back');
    expect(op.error).toContain('Health check');
    expect(op.steps.filter((s) => s.name.startsWith('Undo:')).map((s) => s.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const left =
      (
        await new SSMClient({ region: 'eu-west-1', maxAttempts: 1 }).send(
          new GetParametersByPathCommand({ Path: '/fleetpane/sorbet-stand/' }),
        )
      ).Parameters ?? [];
    expect(left).toEqual([]);
    await expect(
      testRds('eu-west-1').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'fp-sorbet-stand' })),
    ).rejects.toThrow();
    expect((await appOf('sorbet-stand')).map((i) => i.State?.Name)).toEqual(['terminated']);
    expect((await db.chain.findUniqueOrThrow({ where: { slug: 'sorbet-stand' } })).decommissionedAt).not.toBeNull();
  });
});
