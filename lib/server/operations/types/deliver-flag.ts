import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { writeFlagdDocument, writeFlagValue } from '@/lib/server/flags/deliver-flag-steps';
import { flagDeliveryIssues } from '@/lib/server/flags/flag-delivery-issues';
import { flagParameterPath } from '@/lib/server/aws/ssm-parameters';
import { defineOperation, flagsLock } from '../kernel/operation-module';
import { AWS_CALL_MS } from '../kernel/step-kit';

// One flag value to one chain's own parameter store (lib/server/flags/deliver-flag-steps.ts), one at a time per
// chain: the flags lock, not the chain's database or app, so a delivery never waits for a backup.
export const deliverFlag = defineOperation(operationCatalog['deliver-flag'], {
  check: (chain, p) => flagDeliveryIssues(chain.id, p),
  locks: (chain) => [flagsLock(chain)],
  steps: (p, ctx) => [
    {
      name: `Write ${flagParameterPath(ctx.chain.slug, p.key)}`,
      timeoutMs: AWS_CALL_MS,
      run: (c) => writeFlagValue(c, p),
    },
    { name: 'Write the flagd document', timeoutMs: AWS_CALL_MS, run: writeFlagdDocument },
  ],
});
