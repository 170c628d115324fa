import 'server-only';
import type { z } from 'zod';
import { operationCatalog } from '@/lib/operations/catalog';
import { dedicatedClassFor } from '@/lib/operations/operation-types';
import { describeAppInstance, startAppInstance, stopAppInstance } from '@/lib/server/aws/ec2-operations';
import {
  createDbInstance,
  describeDbInstance,
  describeNewDbInstance,
  removeNewDbInstance,
} from '@/lib/server/aws/rds-operations';
import { pointChainSecret } from '@/lib/server/aws/secrets';
import { putChainParameters } from '@/lib/server/aws/ssm-parameters';
import { chainTags } from '@/lib/server/aws/tags';
import { db } from '@/lib/server/db/client';
import { copyDatabase } from '@/lib/server/engine/copy-database';
import { instanceEndpoint, masterConnection, oneEngine } from '@/lib/server/engine/engine-connection';
import { createChainLogin, dropIsolatedDatabase } from '@/lib/server/engine/isolated-database';
import { appLocks, confirmed, databaseLock, defineOperation } from '../kernel/operation-module';
import { AWS_CALL_MS, EC2_WAIT_MS, RDS_WAIT_MS, stepSignal, waitUntil } from '../kernel/step-kit';
import type { Step, StepContext } from '../kernel/step-kit';

type MoveParams = z.output<(typeof operationCatalog)['move-to-dedicated']['params']>;

// Against the emulator every instance is one engine: the chain's database is already "in" the new instance.
const ONE_ENGINE = "skipped: the emulator's instances share one engine (nothing to make, copy or drop between them)";

/** The dedicated instance a chain moves to, from its tier's template (the class floor unless asked). */
async function template(slug: string, p: MoveParams) {
  const chain = await db.chain.findUniqueOrThrow({
    where: { slug },
    select: {
      tier: {
        select: {
          key: true,
          requiresMultiAz: true,
          minBackupRetentionDays: true,
          requiresDeletionProtection: true,
          minInstanceClass: true,
        },
      },
    },
  });
  const t = chain.tier;
  return {
    tier: t.key,
    spec: {
      instanceClass: dedicatedClassFor(p.instanceClass, t.minInstanceClass),
      storageGb: p.storageGb,
      multiAz: t.requiresMultiAz,
      backupRetentionDays: Math.max(1, t.minBackupRetentionDays),
      deletionProtection: t.requiresDeletionProtection,
    },
  };
}

async function pointAt(c: StepContext, instance: string, kind: 'dedicated' | 'shared'): Promise<string> {
  const endpoint = await instanceEndpoint(c.clients, instance);
  await pointChainSecret(c.clients, c.chain.slug, { ...endpoint, dbInstanceIdentifier: instance });
  await putChainParameters(c.clients, c.chain.slug, {
    'database-endpoint': `${endpoint.host}:${endpoint.port}`,
    'database-instance': instance,
  });
  await db.deployment.updateMany({
    where: { chain: { slug: c.chain.slug } },
    data: { databaseKind: kind, dbInstanceIdentifier: instance },
  });
  return `login secret, parameters and deployment now on ${instance}`;
}

/**
 * A chain on a shared instance gets one of its own. The source is the shared instance the deployment still
 * names (kept until the last step drops the chain's database there), so a resumed run knows it too.
 */
function moveSteps(p: MoveParams, ctx: StepContext): Step[] {
  const target = `fp-${ctx.chain.slug}`;
  const source = ctx.chain.sharedInstance;
  const database = ctx.chain.databaseName;
  const app = ctx.chain.appInstanceId;
  const appState = (want: string): Step => ({
    name: `Wait until the app instance is ${want}`,
    timeoutMs: EC2_WAIT_MS,
    run: (c) =>
      waitUntil(async () => {
        const s = await describeAppInstance(c.clients, app!);
        return { done: s.state === want, detail: `${app}: ${s.state}` };
      }),
  });
  const needSource = () => {
    if (!source) throw new Error('the chain has no database on a shared instance any more');
    return source;
  };
  return [
    {
      name: `Create the dedicated instance ${target} from the tier's template`,
      timeoutMs: AWS_CALL_MS,
      run: async (c) => {
        const { tier, spec } = await template(c.chain.slug, p);
        const made = await createDbInstance(c.clients, { ...spec, identifier: target }, chainTags(c.chain.slug, tier));
        return `${target} ${made}: ${describeNewDbInstance(spec)}`;
      },
      undo: (c) => removeNewDbInstance(c.clients, target),
    },
    {
      name: 'Wait until it is available',
      timeoutMs: RDS_WAIT_MS,
      run: (c) =>
        waitUntil(async () => {
          const s = await describeDbInstance(c.clients, target);
          return { done: s.status === 'available', detail: `${target}: ${s.status}` };
        }),
    },
    {
      name: `Create the chain's login and database on ${target}`,
      timeoutMs: AWS_CALL_MS,
      // The same login and password as on the shared instance (from the chain's secret): the app's stays valid.
      run: async (c) => (oneEngine() ? ONE_ENGINE : createChainLogin(c.clients, c.chain.slug, target)),
    },
    ...(app
      ? [
          // Writes stop before the copy: nothing written afterwards would reach the new instance.
          {
            name: 'Stop the app instance',
            timeoutMs: AWS_CALL_MS,
            run: async (c: StepContext) => (await stopAppInstance(c.clients, app), 'requested'),
            undo: async (c: StepContext) => (await startAppInstance(c.clients, app), 'started again'),
          },
          appState('stopped'),
        ]
      : []),
    {
      name: `Copy the chain's database to ${target}`,
      timeoutMs: 6 * 60 * 60_000,
      run: async (c) => {
        if (oneEngine()) return ONE_ENGINE;
        const from = await masterConnection(c.clients, needSource());
        const to = await masterConnection(c.clients, target);
        // Into an empty database, also when a run interrupted after the restore is resumed.
        await dropIsolatedDatabase(to.config, database, c.chain.slug);
        await createChainLogin(c.clients, c.chain.slug, target);
        return copyDatabase(
          { ...from.config, database },
          { ...to.config, database },
          { from: database, to: database, owner: database },
          stepSignal.getStore(),
        );
      },
    },
    {
      name: `Point the chain at ${target}`,
      timeoutMs: AWS_CALL_MS,
      run: (c) => pointAt(c, target, 'dedicated'),
      // Only for a failure of this very step: once it has succeeded the chain runs on the new instance, and a
      // later failure (the app not starting) fails forwards, the new instance kept.
      undo: (c) => pointAt(c, needSource(), 'shared'),
      pointOfNoReturn: true,
    },
    ...(app
      ? [
          {
            name: 'Start the app instance',
            timeoutMs: AWS_CALL_MS,
            run: async (c: StepContext) => (await startAppInstance(c.clients, app), 'requested'),
          },
          appState('running'),
        ]
      : []),
    {
      name: `Drop the chain's database and login from ${source ?? 'the shared instance'}`,
      timeoutMs: AWS_CALL_MS,
      run: async (c) => {
        if (!source) return 'already dropped';
        // The chain runs on its new instance now: a failure here leaves a copy behind, never an outage.
        let detail: string;
        try {
          detail = oneEngine()
            ? ONE_ENGINE
            : await dropIsolatedDatabase((await masterConnection(c.clients, source)).config, database, c.chain.slug);
        } catch (error) {
          detail = `left in place (${(error as Error).message}): drop it by hand`;
        }
        await db.deployment.updateMany({
          where: { chain: { slug: c.chain.slug } },
          data: { sharedDbInstanceId: null },
        });
        return detail;
      },
    },
  ];
}

export const moveToDedicated = defineOperation(operationCatalog['move-to-dedicated'], {
  check: (chain, p) => confirmed(chain, p.confirm),
  // It stops and starts the app instance too.
  locks: (chain) => [databaseLock(chain), ...appLocks(chain)],
  steps: moveSteps,
});
