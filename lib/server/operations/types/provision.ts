import 'server-only';
import { chainDatabaseName } from '@/lib/chain-slug';
import { operationCatalog } from '@/lib/operations/catalog';
import type { ProvisionSpec } from '@/lib/operations/catalog/provision';
import { awsClients, HEALTH_METRIC_REGION } from '@/lib/server/aws/clients';
import { getMetricSeries } from '@/lib/server/aws/cloudwatch';
import {
  describeAppInstance,
  findChainAppInstance,
  launchAppInstance,
  terminateAppInstance,
} from '@/lib/server/aws/ec2-operations';
import {
  createDbInstance,
  describeDbInstance,
  describeNewDbInstance,
  removeNewDbInstance,
} from '@/lib/server/aws/rds-operations';
import { chainSecretName, deleteChainSecret, ensureChainSecret } from '@/lib/server/aws/secrets';
import { CHAIN_PARAMETERS, deleteChainParameters, putChainParameters } from '@/lib/server/aws/ssm-parameters';
import { chainTags } from '@/lib/server/aws/tags';
import type { AwsTag } from '@/lib/server/aws/tags';
import { db } from '@/lib/server/db/client';
import { instanceEndpoint, masterConnection } from '@/lib/server/engine/engine-connection';
import { createChainLogin, dropIsolatedDatabase } from '@/lib/server/engine/isolated-database';
import { healthMetric } from '@/lib/server/fleet/health-metric';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import { AWS_CALL_MS, EC2_WAIT_MS, RDS_WAIT_MS, waitUntil } from '../kernel/step-kit';
import type { Step, StepContext } from '../kernel/step-kit';

// A new chain from its tier's template: a dedicated RDS instance, or its own database and login in a shared
// instance of its region, and an app instance, tagged for cost allocation, then a health check. Every step
// that makes something can undo it; a rolled-back provisioning retires the chain it was for.

const HEALTH_WINDOW_MS = 15 * 60_000;

/** The provisioning of a chain from its tier's template; each step that makes something can undo it. */
function provisionSteps(spec: ProvisionSpec, ctx: StepContext): Step[] {
  const tags = chainTags(ctx.chain.slug, ctx.chain.tier);
  const shared = spec.databaseKind === 'shared';
  const databaseName = chainDatabaseName(ctx.chain.slug);
  return [
    ...(shared ? sharedDatabaseSteps(spec.dbInstanceIdentifier) : dedicatedDatabaseSteps(spec, tags)),
    ...appAndCheckSteps(spec, ctx, tags, databaseName),
  ];
}

type Tags = AwsTag[];

/** On a shared instance: the chain's login in Secrets Manager, then its own database and login in the engine. */
function sharedDatabaseSteps(instance: string): Step[] {
  return [
    {
      name: "Store the chain's database login in Secrets Manager",
      timeoutMs: AWS_CALL_MS,
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
      timeoutMs: AWS_CALL_MS,
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
      timeoutMs: AWS_CALL_MS,
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

function appAndCheckSteps(spec: ProvisionSpec, ctx: StepContext, tags: Tags, databaseName: string): Step[] {
  return [
    {
      name: `Launch the app instance (${spec.appInstanceType})`,
      timeoutMs: AWS_CALL_MS,
      run: async (c) => {
        const found = await findChainAppInstance(c.clients, c.chain.slug);
        const id =
          found ?? (await launchAppInstance(c.clients, { ami: spec.ami, instanceType: spec.appInstanceType, tags }));
        await db.deployment.update({ where: { chainId: c.chain.id }, data: { appInstanceId: id } });
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
      timeoutMs: AWS_CALL_MS,
      run: async (c) => {
        const dbState = await describeDbInstance(c.clients, spec.dbInstanceIdentifier);
        const names = await putChainParameters(c.clients, c.chain.slug, {
          'database-endpoint': dbState.endpoint ?? '',
          'database-name': databaseName,
          'database-instance': spec.dbInstanceIdentifier,
          ...(spec.databaseKind === 'shared' ? { 'database-secret': chainSecretName(c.chain.slug) } : {}),
          tier: ctx.chain.tier,
        });
        return names.join(', ');
      },
      undo: async (c) => (await deleteChainParameters(c.clients, c.chain.slug, CHAIN_PARAMETERS), 'deleted'),
    },
    {
      name: 'Health check',
      timeoutMs: AWS_CALL_MS,
      run: async () => {
        // The chain's health signal, as the collector will read it: any unhealthy sample fails the check.
        const now = new Date();
        const { series } = await getMetricSeries(
          awsClients({ region: HEALTH_METRIC_REGION, accountId: ctx.chain.accountId, roleArn: ctx.chain.roleArn }),
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

export const provision = defineOperation(operationCatalog.provision, {
  // On a shared instance it changes one database in it, not the instance.
  locks: (chain) => [databaseLock(chain)],
  steps: provisionSteps,
  afterRollback: async (ctx) => {
    await db.chain.update({ where: { id: ctx.chain.id }, data: { decommissionedAt: new Date() } });
  },
});
