import 'server-only';
import { AppError } from '@/lib/app-error';
import { enqueue } from './kernel/enqueue';
import type { Enqueued } from './kernel/enqueue';
import type { OperationChain } from './record-operation';
import { operationRegistry } from './types';

// The one way a restore drill enters the queue: asked by the system (the nightly check), so recorded without
// a requester and audited as the worker's. Its key is the chain and the ISO week, so however often the check
// runs, a chain gets at most one drill a week. No authorization here: the worker's import graph stays free
// of the request's (next/navigation).

/** The ISO 8601 week of a time, as yyyy-Www (the week with the year's first Thursday is week 1). */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const drillKey = (chainId: string, at: Date) => `restore-drill:${chainId}:${isoWeek(at)}`;

export type QueuedDrill = Enqueued | { busy: string };

/** Queues this week's drill of the chain, or answers the one queued already; a drill of its instance running: busy. */
export async function queueRestoreDrill(chain: OperationChain, now: Date): Promise<QueuedDrill> {
  const bound = operationRegistry['restore-drill'].bind({});
  if (!bound.ok) throw bound.error;
  const operation = bound.operation;
  try {
    return await enqueue({
      actor: null,
      idempotencyKey: drillKey(chain.id, now),
      sameRequest: (e) => e.chainSlug === chain.slug && e.type === 'restore-drill',
      prepare: async () => {
        const d = chain.deployment;
        if (!d) return { issues: ['the chain has no deployment to drill'] };
        const deployed = { ...chain, deployment: d };
        return {
          issues: [],
          item: {
            type: 'restore-drill',
            params: operation.params,
            locks: operation.locks(deployed),
            needsApproval: false,
            chain: { id: chain.id, slug: chain.slug },
          },
        };
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return { busy: error.message };
    throw error;
  }
}
