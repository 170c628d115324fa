import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { describeDbInstance, modifyDbInstance } from '@/lib/server/aws/rds-operations';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import { dbAvailable } from '../kernel/shared-steps';
import { AWS_CALL_MS } from '../kernel/step-kit';

export const growStorage = defineOperation(operationCatalog['grow-storage'], {
  check: (chain, p) => {
    const now = chain.deployment.allocatedStorageGb;
    return now && p.allocatedStorageGb <= now
      ? [`params.allocatedStorageGb: storage only grows: above the current ${now} GiB`]
      : [];
  },
  locks: (chain) => [databaseLock(chain)],
  steps: (p) => [
    {
      name: `Grow storage to ${p.allocatedStorageGb} GiB`,
      timeoutMs: AWS_CALL_MS,
      run: async (c) => {
        const s = await describeDbInstance(c.clients, c.chain.dbInstanceIdentifier);
        if (s.allocatedStorageGb !== null && s.allocatedStorageGb >= p.allocatedStorageGb) {
          return `already ${s.allocatedStorageGb} GiB`;
        }
        await modifyDbInstance(c.clients, c.chain.dbInstanceIdentifier, {
          allocatedStorageGb: p.allocatedStorageGb,
          applyImmediately: p.applyImmediately,
        });
        return `requested (was ${s.allocatedStorageGb} GiB)`;
      },
    },
    dbAvailable((s) => (s.allocatedStorageGb ?? 0) >= p.allocatedStorageGb, ` with ${p.allocatedStorageGb} GiB`),
  ],
});
