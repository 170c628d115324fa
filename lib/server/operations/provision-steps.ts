import 'server-only';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { awsClients, HEALTH_METRIC_REGION } from '@/lib/server/aws/clients';
import { getMetricSeries } from '@/lib/server/aws/cloudwatch';
import { CHAIN_TAG, describeAppInstances } from '@/lib/server/aws/ec2';
import { describeAppInstance, terminateAppInstance } from '@/lib/server/aws/ec2-operations';
import {
  createDbInstance,
  describeDbInstance,
  describeNewDbInstance,
  removeNewDbInstance,
} from '@/lib/server/aws/rds-operations';
import { chainSecretName, deleteChainSecret, ensureChainSecret } from '@/lib/server/aws/secrets';
import { CHAIN_PARAMETERS, deleteChainParameters, putChainParameters } from '@/lib/server/aws/ssm-parameters';
import { db } from '@/lib/server/db/client';
import { healthMetric } from '@/lib/server/fleet/health-metric';
import type { ProvisionSpec } from './provision-chain';
import { EC2_WAIT_MS, RDS_WAIT_MS, waitUntil } from './operation-steps';
import { createChainLogin, dropIsolatedDatabase, instanceEndpoint, masterConnection } from './engine-sql';
import { chainDatabaseName } from '@/lib/chain-slug';
import type { Step, StepContext } from './operation-steps';

const HEALTH_WINDOW_MS = 15 * 60_000;

/** The provisioning of a chain from its tier's template; each step that makes something can undo it. */
export function provisionSteps(
  spec: ProvisionSpec,
  ctx: StepContext & { tier: string; accountId: string; roleArn: string | null },
): Step[] {
  const tags = [
    { Key: CHAIN_TAG, Value: ctx.chain.slug },
    { Key: 'fleetpane:tier', Value: ctx.tier },
    { Key: 'fleetpane:managed', Value: 'true' },
  ];
  const shared = spec.databaseKind === 'shared';
  const databaseName = chainDatabaseName(ctx.chain.slug);
  return [
    ...(shared ? sharedDatabaseSteps(spec.dbInstanceIdentifier) : dedicatedDatabaseSteps(spec, tags)),
    ...appAndCheckSteps(spec, ctx, tags, databaseName),
  ];
}

type Tags = { Key: string; Value: string }[];

/** On a shared instance: the chain's login in Secrets Manager, then its own database and login in the engine. */
function sharedDatabaseSteps(instance: string): Step[] {
  return [
    {
      name: "Store the chain's database login in Secrets Manager",
      timeoutMs: 60_000,
      run: async (c) => {
        const database = chainDatabaseName(c.chain.slug);
        const login = await ensureChainSecret(c.clients, c.chain.slug, {
          ...(await instanceEndpoint(c.clients, instance)),
          dbname: database,
          username: database,
          dbInstanceIdentifier: instance,
        });
        return `${chainSecretName(c.chain.slug)} ${login.created ? 'created' : 'existed'}`;
      },
      undo: async (c) => `${chainSecretName(c.chain.slug)}: ${await deleteChainSecret(c.clients, c.chain.slug)}`,
    },
    {
      name: `Create the chain's database and login on ${instance}`,
      timeoutMs: 60_000,
      run: (c) => createChainLogin(c.clients, c.chain.slug, instance),
      undo: async (c) =>
        dropIsolatedDatabase(
          (await masterConnection(c.clients, instance)).config,
          chainDatabaseName(c.chain.slug),
          c.chain.slug,
        ),
    },
  ];
}

function dedicatedDatabaseSteps(spec: ProvisionSpec, tags: Tags): Step[] {
  return [
    {
      name: `Create the database instance ${spec.dbInstanceIdentifier}`,
      timeoutMs: 60_000,
      run: async (c) => {
        const made = await createDbInstance(c.clients, { ...spec, identifier: spec.dbInstanceIdentifier }, tags);
        return made === 'existed' ? 'existed' : describeNewDbInstance(spec);
      },
      undo: async (c) => removeNewDbInstance(c.clients, spec.dbInstanceIdentifier),
    },
    {
      name: 'Wait until the database is available',
      timeoutMs: RDS_WAIT_MS,
      run: (c) =>
        waitUntil(async () => {
          const s = await describeDbInstance(c.clients, spec.dbInstanceIdentifier);
          return { done: s.status === 'available', detail: `status ${s.status}` };
        }),
    },
  ];
}

function appAndCheckSteps(
  spec: ProvisionSpec,
  ctx: StepContext & { tier: string; accountId: string; roleArn: string | null },
  tags: Tags,
  databaseName: string,
): Step[] {
  return [
    {
      name: `Launch the app instance (${spec.appInstanceType})`,
      timeoutMs: 60_000,
      run: async (c) => {
        const found = (await describeAppInstances(c.clients)).instances.find(
          (i) => i.chainSlug === c.chain.slug && i.state !== 'terminated',
        );
        let id = found?.instanceId;
        if (!id) {
          const out = await c.clients.ec2.send(
            new RunInstancesCommand({
              ImageId: spec.ami,
              MinCount: 1,
              MaxCount: 1,
              InstanceType: spec.appInstanceType as never,
              TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
            }),
          );
          id = out.Instances?.[0]?.InstanceId;
          if (!id) throw new Error('EC2 returned no instance');
        }
        await db.deployment.update({ where: { chainId: await chainId(c.chain.slug) }, data: { appInstanceId: id } });
        return found ? `${id} existed` : id;
      },
      undo: async (c) => {
        const d = await db.deployment.findFirst({
          where: { chain: { slug: c.chain.slug } },
          select: { appInstanceId: true },
        });
        if (!d?.appInstanceId) return 'none was launched';
        await terminateAppInstance(c.clients, d.appInstanceId);
        return `terminated ${d.appInstanceId}`;
      },
    },
    {
      name: 'Wait until the app instance runs',
      timeoutMs: EC2_WAIT_MS,
      run: async (c) => {
        const d = await db.deployment.findFirstOrThrow({
          where: { chain: { slug: c.chain.slug } },
          select: { appInstanceId: true },
        });
        return waitUntil(async () => {
          const s = await describeAppInstance(c.clients, d.appInstanceId!);
          return { done: s.state === 'running', detail: `${d.appInstanceId}: ${s.state}` };
        });
      },
    },
    {
      name: "Store the chain's configuration parameters",
      timeoutMs: 60_000,
      run: async (c) => {
        const dbState = await describeDbInstance(c.clients, spec.dbInstanceIdentifier);
        const names = await putChainParameters(c.clients, c.chain.slug, {
          'database-endpoint': dbState.endpoint ?? '',
          'database-name': databaseName,
          'database-instance': spec.dbInstanceIdentifier,
          ...(spec.databaseKind === 'shared' ? { 'database-secret': chainSecretName(c.chain.slug) } : {}),
          tier: ctx.tier,
        });
        return names.join(', ');
      },
      undo: async (c) => (await deleteChainParameters(c.clients, c.chain.slug, CHAIN_PARAMETERS), 'deleted'),
    },
    {
      name: 'Health check',
      timeoutMs: 60_000,
      run: async () => {
        // The chain's health signal, as the collector will read it: any unhealthy sample fails the check.
        const now = new Date();
        const { series } = await getMetricSeries(
          awsClients({ region: HEALTH_METRIC_REGION, accountId: ctx.accountId, roleArn: ctx.roleArn }),
          [healthMetric('health', `hc-${ctx.chain.slug}`)],
          { start: new Date(now.getTime() - HEALTH_WINDOW_MS), end: now, periodSeconds: 60 },
        );
        const values = series.get('health')?.values ?? [];
        if (values.some((v) => v < 1))
          throw new Error(
            `the health check reports the chain unhealthy (${values.filter((v) => v < 1).length} of ${values.length} samples)`,
          );
        return values.length
          ? `healthy (${values.length} samples)`
          : 'database available, app running; no health sample yet (the check reports within minutes)';
      },
    },
  ];
}

async function chainId(slug: string): Promise<string> {
  return (await db.chain.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}
