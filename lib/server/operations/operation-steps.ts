import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AwsClients } from '@/lib/server/aws/clients';
import { CHAIN_TAG } from '@/lib/server/aws/ec2';
import {
  describeAppInstance,
  setAppInstanceType,
  startAppInstance,
  stopAppInstance,
  terminateAppInstance,
} from '@/lib/server/aws/ec2-operations';
import {
  createSnapshot,
  dbInstanceExists,
  deleteDbInstance,
  describeDbInstance,
  findSnapshot,
  modifyDbInstance,
  rebootDbInstance,
  restoreToNewInstance,
  snapshotOwner,
  tagDbInstance,
} from '@/lib/server/aws/rds-operations';
import { chainSecretName, deleteChainSecret } from '@/lib/server/aws/secrets';
import { CHAIN_PARAMETERS, deleteChainParameters } from '@/lib/server/aws/ssm-parameters';
import { db } from '@/lib/server/db/client';
import { dropIsolatedDatabase, masterConnection } from './engine-sql';
import { moveToDedicatedSteps } from './move-steps';
import type { OperationParams, OperationType } from '@/lib/operations/operation-types';

export type StepContext = {
  clients: AwsClients;
  operationId: string;
  /**
   * databaseName: the chain's own database. sharedInstance: the shared instance holding it, while it has one
   * there (a chain moving to a dedicated instance keeps it until its copy there is dropped).
   */
  chain: {
    slug: string;
    dbInstanceIdentifier: string;
    appInstanceId: string | null;
    databaseKind: 'dedicated' | 'shared';
    databaseName: string;
    sharedInstance: string | null;
  };
};

export type Step = {
  name: string;
  timeoutMs: number;
  /** Sent at most once: a run resumed after a crash does not send it again, it goes on to the next step. */
  once?: boolean;
  run: (ctx: StepContext) => Promise<string>;
  /** Undoes what the step made, for a rollback when a later step fails (provisioning). */
  undo?: (ctx: StepContext) => Promise<string>;
  /**
   * Once it has succeeded, a later failure fails the operation forwards instead of rolling back (a chain
   * already running on what the operation made must not have it deleted under it).
   */
  pointOfNoReturn?: boolean;
};

export const RDS_WAIT_MS = 30 * 60_000;
export const EC2_WAIT_MS = 10 * 60_000;
export const POLL_MS = Number(process.env.FLEETPANE_OPERATION_POLL_MS ?? 2_000);

/** The running step's abort signal: set by the runner when the step times out, so its polling stops too. */
export const stepSignal = new AsyncLocalStorage<AbortSignal>();

/** Polls until the check says done; the step's timeout (enforced by the runner) ends a wait that never does. */
export async function waitUntil(check: () => Promise<{ done: boolean; detail: string }>): Promise<string> {
  const signal = stepSignal.getStore();
  for (;;) {
    if (signal?.aborted) throw new Error('the step timed out');
    const r = await check();
    if (r.done) return r.detail;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const dbAvailable = (ok: (s: Awaited<ReturnType<typeof describeDbInstance>>) => boolean, what: string): Step => ({
  name: `Wait until the database is available${what}`,
  timeoutMs: RDS_WAIT_MS,
  run: (c) =>
    waitUntil(async () => {
      const s = await describeDbInstance(c.clients, c.chain.dbInstanceIdentifier);
      return {
        done: s.status === 'available' && ok(s),
        detail: `status ${s.status}, class ${s.instanceClass}, Multi-AZ ${s.multiAz}, ${s.allocatedStorageGb} GiB`,
      };
    }),
});

export const snapshotIdFor = (slug: string, operationId: string) => `fp-${slug}-op-${operationId.slice(0, 8)}`;
export const restoredInstanceFor = (identifier: string, operationId: string) =>
  `${identifier.slice(0, 40)}-r${operationId.slice(0, 6)}`;
export const finalSnapshotIdFor = (slug: string, operationId: string) => `fp-${slug}-final-${operationId.slice(0, 8)}`;
export const retiredSnapshotIdFor = (slug: string, operationId: string) =>
  `fp-${slug}-retired-${operationId.slice(0, 8)}`;

/**
 * A snapshot of the chain's instance, or of another instance of the chain's (one it was cut over from: that
 * one may be gone already, deleted by hand or by an earlier run, and then there is nothing to snapshot).
 */
function snapshotSteps(id: string, name: string, replaced?: string): Step[] {
  const gone = async (c: StepContext) =>
    !!replaced && !(await findSnapshot(c.clients, id)) && !(await dbInstanceExists(c.clients, replaced));
  return [
    {
      name,
      timeoutMs: 60_000,
      run: async (c) =>
        (await gone(c))
          ? `${replaced} is gone: nothing to snapshot`
          : `${id}: ${await createSnapshot(c.clients, replaced ?? c.chain.dbInstanceIdentifier, id, c.chain.slug)}`,
    },
    {
      name: 'Wait until the snapshot is available',
      timeoutMs: RDS_WAIT_MS,
      run: async (c) =>
        (await gone(c))
          ? 'no snapshot: the instance is gone'
          : waitUntil(async () => {
              const s = await findSnapshot(c.clients, id);
              return {
                done: s?.status === 'available',
                detail: `${id}: ${s?.status ?? 'not found'}${s?.sizeGb ? `, ${s.sizeGb} GiB` : ''}`,
              };
            }),
    },
  ];
}

/** Deletes the chain's instance, or one it was cut over from (its final snapshot taken by an earlier step). */
function instanceRemoval(replaced?: string): Step[] {
  const id = (c: StepContext) => replaced ?? c.chain.dbInstanceIdentifier;
  return [
    {
      name: 'Turn deletion protection off',
      timeoutMs: 60_000,
      run: async (c) =>
        (await dbInstanceExists(c.clients, id(c)))
          ? (await modifyDbInstance(c.clients, id(c), { deletionProtection: false, applyImmediately: true }), 'off')
          : 'instance already gone',
    },
    {
      name: replaced ? `Delete ${replaced}` : 'Delete the database instance',
      timeoutMs: 60_000,
      run: async (c) => deleteDbInstance(c.clients, id(c)),
    },
    {
      name: 'Wait until the database is gone',
      timeoutMs: RDS_WAIT_MS,
      run: (c) => waitUntil(async () => ({ done: !(await dbInstanceExists(c.clients, id(c))), detail: 'deleted' })),
    },
  ];
}

/** The chain's own database and login in a shared instance, and the login's secret; the instance stays. */
function sharedDatabaseRemoval(instance: string, database: string): Step[] {
  return [
    {
      name: `Drop the chain's database and login in ${instance}`,
      timeoutMs: 60_000,
      run: async (c) =>
        dropIsolatedDatabase((await masterConnection(c.clients, instance)).config, database, c.chain.slug),
    },
    {
      name: "Delete the chain's database login secret",
      timeoutMs: 60_000,
      run: async (c) => `${chainSecretName(c.chain.slug)}: ${await deleteChainSecret(c.clients, c.chain.slug)}`,
    },
  ];
}

/** The steps of each operation type, in order. Every step is safe to repeat, or marked `once`. */
export function stepsFor<T extends OperationType>(type: T, params: OperationParams<T>, ctx: StepContext): Step[] {
  switch (type) {
    case 'backup':
      return snapshotSteps(snapshotIdFor(ctx.chain.slug, ctx.operationId), 'Take a snapshot');
    case 'restore': {
      const p = params as OperationParams<'restore'>;
      const target = restoredInstanceFor(ctx.chain.dbInstanceIdentifier, ctx.operationId);
      return [
        {
          name: `Restore ${p.snapshotId ?? `the state of ${p.pointInTime}`} to ${target}`,
          timeoutMs: 60_000,
          run: async (c) => {
            // Isolation: only a snapshot of this chain's own instance (or tagged with this chain) is restored.
            if (p.snapshotId) {
              const owner = await snapshotOwner(c.clients, p.snapshotId);
              if (!owner) throw new Error(`no snapshot ${p.snapshotId} in this chain's account and region`);
              if (owner.instance !== c.chain.dbInstanceIdentifier && owner.chainTag !== c.chain.slug) {
                throw new Error(
                  `snapshot ${p.snapshotId} is of ${owner.instance ?? 'another instance'}, not of ${c.chain.slug}: refused`,
                );
              }
            }
            const source = await describeDbInstance(c.clients, c.chain.dbInstanceIdentifier);
            return `${target}: ${await restoreToNewInstance(c.clients, { identifier: source.identifier, instanceClass: source.instanceClass, multiAz: source.multiAz }, target, p, c.chain.slug)}`;
          },
        },
        {
          name: 'Wait until the restored instance is available',
          timeoutMs: RDS_WAIT_MS,
          run: (c) =>
            waitUntil(async () => {
              const s = await describeDbInstance(c.clients, target);
              return { done: s.status === 'available', detail: `${target}: ${s.status}; cut over when ready` };
            }),
        },
      ];
    }
    case 'cut-over': {
      const p = params as OperationParams<'cut-over'>;
      return [
        {
          name: 'Point the chain at the restored instance',
          timeoutMs: 30_000,
          run: async (c) => {
            const restore = await db.operation.findUniqueOrThrow({
              where: { id: p.restoreOperationId },
              select: { chainId: true, chain: { select: { slug: true } } },
            });
            const d = await db.deployment.findFirstOrThrow({
              where: { chain: { slug: restore.chain.slug } },
              select: { id: true, dbInstanceIdentifier: true },
            });
            // The restore's target is named after the instance it restored beside, recorded in its first step.
            const first = await db.operationStep.findUniqueOrThrow({
              where: { operationId_position: { operationId: p.restoreOperationId, position: 0 } },
              select: { detail: true },
            });
            const target = first.detail?.split(':')[0] ?? '';
            if (!target) throw new Error('the restore recorded no target instance');
            if (d.dbInstanceIdentifier === target) return `already on ${target}`;
            await describeDbInstance(c.clients, target);
            await tagDbInstance(c.clients, d.dbInstanceIdentifier, { 'fleetpane:replaced-by': target });
            // The old instance is remembered in the same transaction: it keeps costing until it is retired.
            await db.$transaction([
              db.deployment.update({ where: { id: d.id }, data: { dbInstanceIdentifier: target } }),
              db.replacedDbInstance.create({
                data: {
                  chainId: restore.chainId,
                  dbInstanceIdentifier: d.dbInstanceIdentifier,
                  replacedBy: target,
                  cutOverOperationId: c.operationId,
                },
              }),
            ]);
            return `${d.dbInstanceIdentifier} → ${target} (the old instance is kept, tagged fleetpane:replaced-by, until it is retired)`;
          },
        },
      ];
    }
    case 'retire-instance': {
      const p = params as OperationParams<'retire-instance'>;
      return [
        {
          name: `Check that ${p.instance} is this chain's and replaced`,
          timeoutMs: 30_000,
          run: async (c) => {
            // Isolation, checked again against AWS at run time: only an instance tagged with this chain and
            // marked replaced is ever deleted, and never the one the chain runs on.
            if (p.instance === c.chain.dbInstanceIdentifier)
              throw new Error(`${p.instance} is the chain's current database: refused`);
            if (!(await dbInstanceExists(c.clients, p.instance))) return 'already gone';
            const { tags } = await describeDbInstance(c.clients, p.instance);
            if (tags[CHAIN_TAG] !== c.chain.slug)
              throw new Error(
                `${p.instance} is tagged for ${tags[CHAIN_TAG] ?? 'no chain'}, not ${c.chain.slug}: refused`,
              );
            if (!tags['fleetpane:replaced-by'])
              throw new Error(`${p.instance} is not tagged fleetpane:replaced-by: refused`);
            return `replaced by ${tags['fleetpane:replaced-by']}`;
          },
        },
        ...snapshotSteps(
          retiredSnapshotIdFor(ctx.chain.slug, ctx.operationId),
          'Take the final snapshot of the replaced instance',
          p.instance,
        ),
        ...instanceRemoval(p.instance),
        {
          name: 'Record it retired',
          timeoutMs: 30_000,
          run: async (c) => {
            await db.replacedDbInstance.updateMany({
              where: { chain: { slug: c.chain.slug }, dbInstanceIdentifier: p.instance },
              data: { retiredAt: new Date(), retireOperationId: c.operationId },
            });
            return 'retired';
          },
        },
      ];
    }
    case 'move-to-dedicated':
      return moveToDedicatedSteps(params as OperationParams<'move-to-dedicated'>, ctx);
    case 'decommission': {
      const app = ctx.chain.appInstanceId;
      const shared = ctx.chain.databaseKind === 'shared' ? ctx.chain.databaseName : null;
      // Never the dedicated path for a chain on a shared instance: it would delete the instance and every neighbour.
      if (shared && ctx.chain.sharedInstance !== ctx.chain.dbInstanceIdentifier) {
        return [
          {
            name: 'Check the deployment',
            timeoutMs: 1_000,
            run: async (c) =>
              Promise.reject(new Error(`${c.chain.slug} is on a shared instance that is not recorded as one: refused`)),
          },
        ];
      }
      return [
        // On a shared instance the snapshot is of the whole instance (RDS has no smaller unit): kept in our
        // account, tagged with the chain, never restorable over the neighbours (restores need a dedicated chain).
        ...snapshotSteps(
          finalSnapshotIdFor(ctx.chain.slug, ctx.operationId),
          shared
            ? `Take the final snapshot (of ${ctx.chain.dbInstanceIdentifier}, holding the chain's database)`
            : 'Take the final snapshot',
        ),
        ...(shared ? sharedDatabaseRemoval(ctx.chain.dbInstanceIdentifier, shared) : instanceRemoval()),
        {
          name: "Delete the chain's configuration parameters",
          timeoutMs: 60_000,
          run: async (c) => (await deleteChainParameters(c.clients, c.chain.slug, CHAIN_PARAMETERS), 'deleted'),
        },
        ...(app
          ? [
              {
                name: 'Terminate the app instance',
                timeoutMs: 60_000,
                run: async (c: StepContext) => (await terminateAppInstance(c.clients, app), 'terminated'),
              },
            ]
          : []),
        {
          name: 'Retire the chain',
          timeoutMs: 30_000,
          run: async (c) => {
            await db.chain.update({ where: { slug: c.chain.slug }, data: { decommissionedAt: new Date() } });
            return 'retired: gone from the fleet, its history kept';
          },
        },
      ];
    }
    case 'scale-database': {
      const p = params as OperationParams<'scale-database'>;
      return [
        {
          name: `Change the class to ${p.instanceClass}`,
          timeoutMs: 60_000,
          run: async (c) => (
            await modifyDbInstance(c.clients, c.chain.dbInstanceIdentifier, {
              instanceClass: p.instanceClass,
              applyImmediately: p.applyImmediately,
            }),
            'requested'
          ),
        },
        p.applyImmediately
          ? dbAvailable((s) => s.instanceClass === p.instanceClass, ` at ${p.instanceClass}`)
          : {
              name: 'Left for the maintenance window',
              timeoutMs: 1_000,
              run: async () => 'applies in the next maintenance window',
            },
      ];
    }
    case 'grow-storage': {
      const p = params as OperationParams<'grow-storage'>;
      return [
        {
          name: `Grow storage to ${p.allocatedStorageGb} GiB`,
          timeoutMs: 60_000,
          run: async (c) => {
            const s = await describeDbInstance(c.clients, c.chain.dbInstanceIdentifier);
            if (s.allocatedStorageGb !== null && s.allocatedStorageGb >= p.allocatedStorageGb)
              return `already ${s.allocatedStorageGb} GiB`;
            await modifyDbInstance(c.clients, c.chain.dbInstanceIdentifier, {
              allocatedStorageGb: p.allocatedStorageGb,
              applyImmediately: p.applyImmediately,
            });
            return `requested (was ${s.allocatedStorageGb} GiB)`;
          },
        },
        dbAvailable((s) => (s.allocatedStorageGb ?? 0) >= p.allocatedStorageGb, ` with ${p.allocatedStorageGb} GiB`),
      ];
    }
    case 'enable-multi-az':
    case 'disable-multi-az': {
      const on = type === 'enable-multi-az';
      const p = params as OperationParams<'enable-multi-az'>;
      return [
        {
          name: on ? 'Add a standby (Multi-AZ)' : 'Remove the standby',
          timeoutMs: 60_000,
          run: async (c) => (
            await modifyDbInstance(c.clients, c.chain.dbInstanceIdentifier, {
              multiAz: on,
              applyImmediately: p.applyImmediately,
            }),
            'requested'
          ),
        },
        dbAvailable((s) => s.multiAz === on, on ? ' and Multi-AZ' : ' in one zone'),
      ];
    }
    case 'reboot': {
      const p = params as OperationParams<'reboot'>;
      return [
        {
          name: p.forceFailover ? 'Reboot with a failover' : 'Reboot',
          timeoutMs: 60_000,
          once: true,
          run: async (c) => (
            await rebootDbInstance(c.clients, c.chain.dbInstanceIdentifier, p.forceFailover),
            'requested'
          ),
        },
        dbAvailable(() => true, ''),
      ];
    }
    case 'scale-app': {
      const p = params as OperationParams<'scale-app'>;
      const id = ctx.chain.appInstanceId!;
      const state = (want: string): Step => ({
        name: `Wait until the app instance is ${want}`,
        timeoutMs: EC2_WAIT_MS,
        run: (c) =>
          waitUntil(async () => {
            const s = await describeAppInstance(c.clients, id);
            return { done: s.state === want, detail: `${id}: ${s.state}, ${s.instanceType}` };
          }),
      });
      return [
        {
          name: 'Stop the app instance',
          timeoutMs: 60_000,
          run: async (c) => (await stopAppInstance(c.clients, id), 'requested'),
        },
        state('stopped'),
        {
          name: `Change the type to ${p.instanceType}`,
          timeoutMs: 60_000,
          run: async (c) => (await setAppInstanceType(c.clients, id, p.instanceType), 'changed'),
        },
        {
          name: 'Start the app instance',
          timeoutMs: 60_000,
          run: async (c) => (await startAppInstance(c.clients, id), 'requested'),
        },
        state('running'),
      ];
    }
  }
  throw new Error(`No steps for ${type satisfies never}`);
}
