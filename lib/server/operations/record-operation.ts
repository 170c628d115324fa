import 'server-only';
import { zodIssues } from '@/lib/app-error';
import { operationCatalog } from '@/lib/operations/catalog';
import { operationRequestSchema } from '@/lib/operations/operation-types';
import { enqueue, sameParams } from './kernel/enqueue';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import type { Enqueued } from './kernel/enqueue';
import type { DeployedChain, OperationChain } from './kernel/operation-module';
import { operationRegistry } from './types';

export type { OperationChain };

/** What recordOperation needs of a chain, as a Prisma select. */
export const operationChainSelect = {
  id: true,
  slug: true,
  region: true,
  awsAccountId: true,
  roleArn: true,
  deployment: {
    select: {
      databaseKind: true,
      dbInstanceIdentifier: true,
      databaseName: true,
      appInstanceId: true,
      allocatedStorageGb: true,
    },
  },
} as const;

/**
 * Validates and queues an operation for a caller already authorized (the API, the UI, waves, the tests):
 * the request's shape, the type's params (its catalog schema), where the chain's database must be, the
 * type's own checks; every problem in one 400, a busy resource 409, an unknown chain never reaches here.
 */
export async function recordOperation(
  chain: OperationChain,
  user: Actor,
  input: { body: unknown; idempotencyKey: string | null; waveId?: string },
  ip: string | null = null,
): Promise<Enqueued> {
  const request = operationRequestSchema.safeParse(input.body);
  const type = request.success ? request.data.type : null;
  const bound = request.success ? operationRegistry[request.data.type].bind(request.data.params) : null;
  return enqueue({
    actor: user,
    idempotencyKey: input.idempotencyKey,
    ip,
    sameRequest: (e) =>
      !!bound?.ok && e.chainSlug === chain.slug && e.type === type && sameParams(e.params, bound.operation.params),
    prepare: async () => {
      if (!request.success || !bound)
        return { issues: request.success ? [] : zodIssues(request.error, { root: 'body' }) };
      const type = request.data.type;
      const entry = operationCatalog[type];
      const issues = bound.ok ? [] : zodIssues(bound.error, { prefix: 'params' });
      const d = chain.deployment;
      if (!d) issues.push('the chain has no deployment');
      else if (entry.database === 'dedicated' && d.databaseKind === 'shared') {
        issues.push(
          `${type} would touch the shared instance ${d.dbInstanceIdentifier} and every chain on it: move the chain to a dedicated instance first`,
        );
      } else if (entry.database === 'shared' && d.databaseKind !== 'shared') {
        issues.push(`${chain.slug} has a dedicated instance already`);
      }
      if (!bound.ok || !d) return { issues };
      const deployed: DeployedChain = { ...chain, deployment: d };
      issues.push(...(await bound.operation.check(deployed)));
      if (issues.length) return { issues };
      return {
        issues,
        item: {
          type,
          params: bound.operation.params,
          locks: bound.operation.locks(deployed),
          needsApproval: entry.needsApproval,
          waveId: input.waveId,
          chain: { id: chain.id, slug: chain.slug },
        },
      };
    },
  });
}
