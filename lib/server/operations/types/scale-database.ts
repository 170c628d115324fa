import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { modifyDbInstance } from '@/lib/server/aws/rds-operations';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import { dbAvailable } from '../kernel/shared-steps';
import { AWS_CALL_MS } from '../kernel/step-kit';

export const scaleDatabase = defineOperation(operationCatalog['scale-database'], {
  locks: (chain) => [databaseLock(chain)],
  steps: (p) => [
    {
      name: `Change the class to ${p.instanceClass}`,
      timeoutMs: AWS_CALL_MS,
      run: async (c) => {
        await modifyDbInstance(c.clients, c.chain.dbInstanceIdentifier, {
          instanceClass: p.instanceClass,
          applyImmediately: p.applyImmediately,
        });
        return 'requested';
      },
    },
    p.applyImmediately
      ? dbAvailable((s) => s.instanceClass === p.instanceClass, ` at ${p.instanceClass}`)
      : {
          name: 'Left for the maintenance window',
          timeoutMs: 1_000,
          run: async () => 'applies in the next maintenance window',
        },
  ],
});
