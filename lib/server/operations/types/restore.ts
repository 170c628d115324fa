import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import { awsClients } from '@/lib/server/aws/clients';
import { describeDbInstance, restoreToNewInstance, snapshotOwner } from '@/lib/server/aws/rds-operations';
import { databaseLock, defineOperation } from '../kernel/operation-module';
import { restoredInstanceFor } from '../kernel/shared-steps';
import { AWS_CALL_MS, RDS_WAIT_MS, waitUntil } from '../kernel/step-kit';

/** A snapshot that is not the chain's own, or none: the refusal's words, at the request and at the step. */
function snapshotRefusal(
  snapshotId: string,
  owner: { instance: string | null; chainTag: string | null } | null,
  chain: { slug: string; dbInstanceIdentifier: string },
): string | null {
  if (!owner) return `no snapshot ${snapshotId} in this chain's account and region`;
  if (owner.instance !== chain.dbInstanceIdentifier && owner.chainTag !== chain.slug) {
    return `snapshot ${snapshotId} is of ${owner.instance ?? 'another instance'}, not of ${chain.slug}: refused`;
  }
  return null;
}

// The request waits this long for AWS to say whether the snapshot is the chain's; past it, or on an AWS error,
// the request is queued and the step checks again.
const CHECK_MS = 5_000;

export const restore = defineOperation(operationCatalog.restore, {
  check: async (chain, p) => {
    if (!p.snapshotId) return [];
    const clients = awsClients({ region: chain.region, accountId: chain.awsAccountId, roleArn: chain.roleArn });
    try {
      const owner = await snapshotOwner(clients, p.snapshotId, { abortSignal: AbortSignal.timeout(CHECK_MS) });
      const refusal = snapshotRefusal(p.snapshotId, owner, {
        slug: chain.slug,
        dbInstanceIdentifier: chain.deployment.dbInstanceIdentifier,
      });
      return refusal ? [`params.snapshotId: ${refusal}`] : [];
    } catch {
      return [];
    }
  },
  locks: (chain) => [databaseLock(chain)],
  steps: (p, ctx) => {
    const target = restoredInstanceFor(ctx.chain.dbInstanceIdentifier, ctx.operationId);
    return [
      {
        name: `Restore ${p.snapshotId ?? `the state of ${p.pointInTime}`} to ${target}`,
        timeoutMs: AWS_CALL_MS,
        run: async (c) => {
          // Isolation: only a snapshot of this chain's own instance (or tagged with this chain) is restored.
          if (p.snapshotId) {
            const refusal = snapshotRefusal(p.snapshotId, await snapshotOwner(c.clients, p.snapshotId), c.chain);
            if (refusal) throw new Error(refusal);
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
