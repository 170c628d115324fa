import 'server-only';
import { zodIssues } from '@/lib/app-error';
import type { DeliverFlagParams } from '@/lib/operations/catalog/deliver-flag';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { enqueue, sameParams } from '@/lib/server/operations/kernel/enqueue';
import type { Enqueued } from '@/lib/server/operations/kernel/enqueue';
import type { OperationChain } from '@/lib/server/operations/record-operation';
import { operationRegistry } from '@/lib/server/operations/types';
import { readFlag } from './flag-records';

// The one way a flag delivery enters the queue, for a caller's request (request-flag-delivery.ts, which
// authorizes it) and for a rollout's wave (run by the worker, which has no caller): no authorization here, so
// the worker's import graph stays free of the request's (next/navigation).

/**
 * Queues one chain's delivery, for a request or for a rollout's wave (the caller was authorized, with its
 * wave's key); its checks are the operation's own (the value fits the flag, residency).
 */
export async function queueFlagDelivery(
  chain: OperationChain,
  actor: Actor,
  params: DeliverFlagParams,
  options: { idempotencyKey: string; waveId?: string },
): Promise<Enqueued> {
  const bound = operationRegistry['deliver-flag'].bind(params);
  const { idempotencyKey } = options;
  return enqueue({
    actor,
    idempotencyKey,
    sameRequest: (e) =>
      bound.ok &&
      e.chainSlug === chain.slug &&
      e.type === 'deliver-flag' &&
      sameParams(e.params, bound.operation.params),
    prepare: async () => {
      if (!bound.ok) return { issues: zodIssues(bound.error, { root: 'body' }) };
      const d = chain.deployment;
      if (!d) return { issues: ['the chain has no deployment to deliver to'] };
      const deployed = { ...chain, deployment: d };
      const issues = await bound.operation.check(deployed);
      if (issues.length) return { issues };
      const flag = await readFlag(params.key);
      return {
        issues,
        item: {
          type: 'deliver-flag',
          params: bound.operation.params,
          locks: bound.operation.locks(deployed),
          needsApproval: flag.sensitive && params.action === 'set',
          waveId: options.waveId,
          chain: { id: chain.id, slug: chain.slug },
          auditDetail: { flag: params.key, sensitive: flag.sensitive },
        },
      };
    },
  });
}
