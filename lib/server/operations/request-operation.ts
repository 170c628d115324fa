import 'server-only';
import { AppError } from '@/lib/app-error';
import { authorizeOnChain } from '@/lib/server/auth/authorize';
import { requestIp } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';
import { operationChainSelect, recordOperation } from './record-operation';
import type { RequestOperationResult } from './record-operation';

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
}): Promise<RequestOperationResult> {
  const chain = await db.chain.findFirst({ where: { slug: input.slug, decommissionedAt: null }, select: chainSelect });
  if (!chain) return { ok: false, status: 404, message: `No chain "${input.slug}".` };
  let user;
  try {
    user = await authorizeOnChain('operations:request', chain);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, status: error.status as 401 | 403, message: error.message };
    throw error;
  }
  return recordOperation(chain, { id: user.id, email: user.email }, input, await requestIp());
}
