import 'server-only';
import { zodIssues } from '@/lib/app-error';
import { provisionSchema } from '@/lib/operations/provision-schema';
import { enqueue } from './kernel/enqueue';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import type { Enqueued } from './kernel/enqueue';
import { planProvisioning } from './provision-plan';
import { operationRegistry } from './types';

/**
 * Registers a new chain (tier, contract, account manager) and queues its provisioning from the tier's
 * template: a dedicated RDS instance, or its own database and login in a shared instance of its region
 * (where the tier allows it), and an app instance, tagged for cost allocation, then a health check.
 * A failed step rolls back what the earlier ones made. The caller is already authorized.
 */
export async function provisionChain(
  user: Actor,
  body: unknown,
  idempotencyKey: string | null,
  ip: string | null = null,
): Promise<Enqueued> {
  const parsed = provisionSchema.safeParse(body);
  return enqueue({
    actor: user,
    idempotencyKey,
    ip,
    // The spec is worked out again from the tiers: the same request is the same chain provisioned.
    sameRequest: (e) => parsed.success && e.type === 'provision' && e.chainSlug === parsed.data.slug,
    prepare: async () => {
      if (!parsed.success) return { issues: zodIssues(parsed.error, { root: 'body' }) };
      const { issues, plan } = await planProvisioning(parsed.data);
      if (!plan) return { issues };
      const bound = operationRegistry.provision.bind(plan.spec);
      if (!bound.ok) return { issues: zodIssues(bound.error, { prefix: 'spec' }) };
      return {
        issues,
        item: {
          type: 'provision',
          params: bound.operation.params,
          locks: bound.operation.locks(plan.chain),
          needsApproval: false,
          chain: { slug: parsed.data.slug, create: plan.create },
          auditDetail: { contract: parsed.data.contract },
        },
      };
    },
  });
}
