import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { describeDbInstances } from '@/lib/server/aws/rds';
import { deleteDrillInstance, newestUsableSnapshot, restoreDrillInstance } from '@/lib/server/aws/rds-drill';
import { dbInstanceExists, describeDbInstance } from '@/lib/server/aws/rds-operations';
import { TAG } from '@/lib/server/aws/tags';
import { config } from '@/lib/config';
import { db } from '@/lib/server/db/client';
import { masterConnection, withClient } from '@/lib/server/engine/engine-connection';
import { defineOperation, instanceLock } from '../kernel/operation-module';
import { AWS_CALL_MS, RDS_WAIT_MS, waitUntil } from '../kernel/step-kit';
import type { StepContext } from '../kernel/step-kit';

// The weekly restore drill: the chain's newest usable snapshot restored to a temporary instance, timed until
// it is available (the evidence of recovery time), its engine checked, and deleted. A shared chain's backups
// are its shared instance's snapshots (one holds every database on it), so its drill restores one of those.
// It holds only its own key, `drill:<instance>`: the chain's database stays free for backups and changes, and
// one shared instance is restored by one drill at a time. A drill never leaves an instance behind: a failure
// after the restore rolls back by deleting it, a resumed run goes on to delete it, and each drill first
// removes any drill instance of the chain that an earlier, given-up run left.

export const drillInstanceFor = (identifier: string, operationId: string) =>
  `${identifier.slice(0, 40)}-drill-${operationId.slice(0, 8)}`;

const PICK = 1;
const RESTORE = 2;
const AVAILABLE = 3;
const ENGINE = 4;

const stepRow = (operationId: string, position: number) =>
  db.operationStep.findUnique({
    where: { operationId_position: { operationId, position } },
    select: { detail: true, startedAt: true, finishedAt: true },
  });

/** The snapshot the pick step chose, as its detail records it: a resumed run restores the same one. */
async function picked(c: StepContext): Promise<{ id: string; createdAt: string }> {
  const m = /^(\S+), taken (\S+)$/.exec((await stepRow(c.operationId, PICK))?.detail ?? '');
  if (!m) throw new Error('the snapshot picked by the first step is not recorded');
  return { id: m[1]!, createdAt: m[2]! };
}

const removal = (target: string) => async (c: StepContext) => {
  const removed = await deleteDrillInstance(c.clients, target);
  await waitUntil(async () => ({ done: !(await dbInstanceExists(c.clients, target)), detail: 'gone' }));
  return `${removed}; gone`;
};

/** The engine answers `select 1` in the chain's database; against the emulator there is no engine to ask. */
async function checkEngine(c: StepContext, target: string): Promise<string> {
  if (config().awsEndpointUrl) return 'skipped: the emulator runs no database engine in its instances';
  const master = await masterConnection(c.clients, target).catch((error: Error) => error);
  if (master instanceof Error) return `skipped: ${master.message}`;
  const rows = await withClient({ ...master.config, database: c.chain.databaseName }, async (client) =>
    client.query('select 1 as ok'),
  );
  return `select 1 in ${c.chain.databaseName}: ${rows.rows.length === 1 ? 'answered' : 'no answer'}`;
}

export const restoreDrill = defineOperation(operationCatalog['restore-drill'], {
  locks: (chain) => [`drill:${instanceLock(chain, chain.deployment.dbInstanceIdentifier)}`],
  steps: (_p, ctx) => {
    const instance = ctx.chain.dbInstanceIdentifier;
    const target = drillInstanceFor(instance, ctx.operationId);
    return [
      {
        name: 'Remove drill instances an earlier drill left',
        timeoutMs: RDS_WAIT_MS,
        run: async (c) => {
          const left = (await describeDbInstances(c.clients)).instances.filter(
            // This chain's, or any drill of this instance (a shared instance's drill may have been queued on
            // another of its chains, since decommissioned).
            (i) =>
              !!i.tags[TAG.drill] &&
              i.identifier !== target &&
              (i.tags[TAG.chain] === c.chain.slug || i.identifier.startsWith(`${instance.slice(0, 40)}-drill-`)),
          );
          for (const i of left) await removal(i.identifier)(c);
          return left.length ? `removed ${left.map((i) => i.identifier).join(', ')}` : 'none left';
        },
      },
      {
        name: `Pick the newest usable snapshot of ${instance}`,
        timeoutMs: AWS_CALL_MS,
        run: async (c) => {
          const s = await newestUsableSnapshot(c.clients, instance);
          if (!s) throw new Error(`${instance} has no usable snapshot: nothing to restore`);
          return `${s.id}, taken ${s.createdAt}`;
        },
      },
      {
        name: `Restore it to ${target}`,
        // Its undo deletes the instance and waits until it is gone: the undo runs with this step's deadline.
        timeoutMs: RDS_WAIT_MS,
        run: async (c) => {
          const snapshot = await picked(c);
          const { instanceClass } = await describeDbInstance(c.clients, instance);
          const r = await restoreDrillInstance(
            c.clients,
            { snapshotId: snapshot.id, instanceClass },
            target,
            c.chain.slug,
          );
          return `${target} from ${snapshot.id}: ${r}`;
        },
        undo: removal(target),
      },
      {
        name: `Wait until ${target} is available`,
        timeoutMs: RDS_WAIT_MS,
        run: async (c) => {
          const status = await waitUntil(async () => {
            const s = await describeDbInstance(c.clients, target);
            return { done: s.status === 'available', detail: `${target}: ${s.status}` };
          });
          const restore = await stepRow(c.operationId, RESTORE);
          const seconds = restore?.startedAt ? (Date.now() - restore.startedAt.getTime()) / 1000 : null;
          return seconds === null ? status : `${status} ${seconds.toFixed(1)} s after the restore call`;
        },
      },
      { name: 'Check the engine', timeoutMs: AWS_CALL_MS, run: (c) => checkEngine(c, target) },
      {
        name: `Delete ${target} and wait until it is gone`,
        timeoutMs: RDS_WAIT_MS,
        run: removal(target),
      },
    ];
  },
  result: async (c) => {
    const [snapshot, restore, available, engine] = await Promise.all([
      picked(c),
      stepRow(c.operationId, RESTORE),
      stepRow(c.operationId, AVAILABLE),
      stepRow(c.operationId, ENGINE),
    ]);
    const from = restore?.startedAt?.getTime();
    const to = available?.finishedAt?.getTime();
    return {
      instance: c.chain.dbInstanceIdentifier,
      drillInstance: drillInstanceFor(c.chain.dbInstanceIdentifier, c.operationId),
      snapshotId: snapshot.id,
      snapshotAt: snapshot.createdAt,
      restoreSeconds: from && to ? Math.round((to - from) / 100) / 10 : null,
      engineCheck: engine?.detail ?? null,
    };
  },
});
