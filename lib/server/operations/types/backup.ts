import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import { snapshotIdFor, snapshotSteps } from '../kernel/shared-steps';

export const backup = defineOperation(operationCatalog.backup, {
  locks: (chain) => [databaseLock(chain)],
  steps: (_params, ctx) => snapshotSteps(snapshotIdFor(ctx.chain.slug, ctx.operationId), 'Take a snapshot'),
});
