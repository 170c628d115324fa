import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { describeDbInstance, restoreToNewInstance, snapshotOwner } from '@/lib/server/aws/rds-operations';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import { restoredInstanceFor } from '../kernel/shared-steps';
import { RDS_WAIT_MS, waitUntil } from '../kernel/step-kit';

export const restore = defineOperation(operationCatalog.restore, {
  locks: (chain) => [databaseLock(chain)],
  steps: (p, ctx) => {
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
          const from = { identifier: source.identifier, instanceClass: source.instanceClass, multiAz: source.multiAz };
          return `${target}: ${await restoreToNewInstance(c.clients, from, target, p, c.chain.slug)}`;
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
  },
});
