import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { describeDbInstance, tagDbInstance } from '@/lib/server/aws/rds-operations';
import { TAG } from '@/lib/server/aws/tags';
import { db } from '@/lib/server/db/client';
import { databaseLock, defineOperation } from '../kernel/operation-module';

export const cutOver = defineOperation(operationCatalog['cut-over'], {
  check: async (chain, p) => {
    const restore = await db.operation.findUnique({
      where: { id: p.restoreOperationId },
      select: { chainId: true, type: true, status: true },
    });
    if (!restore || restore.chainId !== chain.id || restore.type !== 'restore') {
      return ['params.restoreOperationId: not a restore of this chain'];
    }
    if (restore.status !== 'succeeded') {
      return [`params.restoreOperationId: that restore is ${restore.status}, not succeeded`];
    }
    return [];
  },
  locks: (chain) => [databaseLock(chain)],
  steps: (p) => [
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
        await tagDbInstance(c.clients, d.dbInstanceIdentifier, { [TAG.replacedBy]: target });
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
        return `${d.dbInstanceIdentifier} → ${target} (the old instance is kept, tagged ${TAG.replacedBy}, until it is retired)`;
      },
    },
  ],
});
