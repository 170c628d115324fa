import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { modifyDbInstance } from '@/lib/server/aws/rds-operations';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import type { OperationModule } from '../kernel/operation-module';
import { dbAvailable } from '../kernel/shared-steps';
import { AWS_CALL_MS } from '../kernel/step-kit';

const multiAz = (on: boolean): OperationModule<{ applyImmediately: boolean }> => ({
  locks: (chain) => [databaseLock(chain)],
  steps: (p) => [
    {
      name: on ? 'Add a standby (Multi-AZ)' : 'Remove the standby',
      timeoutMs: AWS_CALL_MS,
      run: async (c) => {
        await modifyDbInstance(c.clients, c.chain.dbInstanceIdentifier, {
          multiAz: on,
          applyImmediately: p.applyImmediately,
        });
        return 'requested';
      },
    },
    dbAvailable((s) => s.multiAz === on, on ? ' and Multi-AZ' : ' in one zone'),
  ],
});

export const enableMultiAz = defineOperation(operationCatalog['enable-multi-az'], multiAz(true));
export const disableMultiAz = defineOperation(operationCatalog['disable-multi-az'], multiAz(false));
