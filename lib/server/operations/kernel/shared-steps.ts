import 'server-only';
import {
  createSnapshot,
  dbInstanceExists,
  deleteDbInstance,
  describeDbInstance,
  findSnapshot,
  modifyDbInstance,
} from '@/lib/server/aws/rds-operations';
import { chainSecretName, deleteChainSecret } from '@/lib/server/aws/secrets';
import { masterConnection } from '@/lib/server/engine/engine-connection';
import { dropIsolatedDatabase } from '@/lib/server/engine/isolated-database';
import { AWS_CALL_MS, RDS_WAIT_MS, waitUntil } from './step-kit';
import type { Step, StepContext } from './step-kit';

// Steps more than one operation type takes: waits, snapshots, removals, and the names of what they make
// (derived from the operation, so a resumed run finds what an earlier attempt made instead of a second).

export const dbAvailable = (
  ok: (s: Awaited<ReturnType<typeof describeDbInstance>>) => boolean,
  what: string,
): Step => ({
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
export function snapshotSteps(id: string, name: string, replaced?: string): Step[] {
  const gone = async (c: StepContext) =>
    !!replaced && !(await findSnapshot(c.clients, id)) && !(await dbInstanceExists(c.clients, replaced));
  return [
    {
      name,
      timeoutMs: AWS_CALL_MS,
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
export function instanceRemoval(replaced?: string): Step[] {
  const id = (c: StepContext) => replaced ?? c.chain.dbInstanceIdentifier;
  return [
    {
      name: 'Turn deletion protection off',
      timeoutMs: AWS_CALL_MS,
      run: async (c) =>
        (await dbInstanceExists(c.clients, id(c)))
          ? (await modifyDbInstance(c.clients, id(c), { deletionProtection: false, applyImmediately: true }), 'off')
          : 'instance already gone',
    },
    {
      name: replaced ? `Delete ${replaced}` : 'Delete the database instance',
      timeoutMs: AWS_CALL_MS,
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
export function sharedDatabaseRemoval(instance: string, database: string): Step[] {
  return [
    {
      name: `Drop the chain's database and login in ${instance}`,
      timeoutMs: AWS_CALL_MS,
      run: async (c) =>
        dropIsolatedDatabase((await masterConnection(c.clients, instance)).config, database, c.chain.slug),
    },
    {
      name: "Delete the chain's database login secret",
      timeoutMs: AWS_CALL_MS,
      run: async (c) => `${chainSecretName(c.chain.slug)}: ${await deleteChainSecret(c.clients, c.chain.slug)}`,
    },
  ];
}
