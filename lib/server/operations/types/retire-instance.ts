import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { dbInstanceExists, describeDbInstance } from '@/lib/server/aws/rds-operations';
import { CHAIN_TAG, TAG } from '@/lib/server/aws/tags';
import { db } from '@/lib/server/db/client';
import { confirmed, defineOperation, instanceLock } from '../kernel/operation-module';
import { instanceRemoval, retiredSnapshotIdFor, snapshotSteps } from '../kernel/shared-steps';

export const retireInstance = defineOperation(operationCatalog['retire-instance'], {
  check: async (chain, p) => {
    const kept = await db.replacedDbInstance.findUnique({
      where: { chainId_dbInstanceIdentifier: { chainId: chain.id, dbInstanceIdentifier: p.instance } },
      select: { retiredAt: true },
    });
    return [
      ...confirmed(chain, p.confirm),
      ...(!kept ? [`params.instance: ${chain.slug} was never cut over from ${p.instance}`] : []),
      ...(kept?.retiredAt ? [`params.instance: ${p.instance} was retired already`] : []),
    ];
  },
  // It holds the replaced instance it deletes, not the one the chain runs on.
  locks: (chain, p) => [instanceLock(chain, p.instance)],
  steps: (p, ctx) => [
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
        if (tags[CHAIN_TAG] !== c.chain.slug) {
          throw new Error(`${p.instance} is tagged for ${tags[CHAIN_TAG] ?? 'no chain'}, not ${c.chain.slug}: refused`);
        }
        if (!tags[TAG.replacedBy]) throw new Error(`${p.instance} is not tagged ${TAG.replacedBy}: refused`);
        return `replaced by ${tags[TAG.replacedBy]}`;
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
  ],
});
