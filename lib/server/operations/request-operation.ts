import 'server-only';
import { AppError } from '@/lib/app-error';
import { authorizeOnChain } from '@/lib/server/auth/authorize';
import { requestIp } from '@/lib/server/auth/request-ip';
import { db } from '@/lib/server/db/client';
import type { Enqueued } from './kernel/enqueue';
import { operationChainSelect, recordOperation } from './record-operation';

const chainSelect = { ...operationChainSelect, accountManagerId: true } as const;

/**
 * Requests an operation on one chain, to be run by the queue. The caller's idempotency key makes a repeated
 * request (a double click, a pipeline's retry, twenty at once) the same operation; a resource with an
 * operation queued or running refuses a second one (409, naming it).
 */
export async function requestOperation(input: {
  slug: string;
  body: unknown;
  idempotencyKey: string | null;
}): Promise<Enqueued> {
  const chain = await db.chain.findFirst({ where: { slug: input.slug, decommissionedAt: null }, select: chainSelect });
  if (!chain) throw new AppError('not-found', `No chain "${input.slug}".`);
  const user = await authorizeOnChain('operations:request', chain);
  return recordOperation(chain, { id: user.id, email: user.email }, input, await requestIp());
}
