import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { rebootDbInstance } from '@/lib/server/aws/rds-operations';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import { dbAvailable } from '../kernel/shared-steps';
import { AWS_CALL_MS } from '../kernel/step-kit';

export const reboot = defineOperation(operationCatalog.reboot, {
  locks: (chain) => [databaseLock(chain)],
  steps: (p) => [
    {
      name: p.forceFailover ? 'Reboot with a failover' : 'Reboot',
      timeoutMs: AWS_CALL_MS,
      // A second reboot would be a second outage: not sent again after a crash.
      once: true,
      run: async (c) => (await rebootDbInstance(c.clients, c.chain.dbInstanceIdentifier, p.forceFailover), 'requested'),
    },
    dbAvailable(() => true, ''),
  ],
});
