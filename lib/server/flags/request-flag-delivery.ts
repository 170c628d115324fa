import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, zodIssues } from '@/lib/app-error';
import type { DeliverFlagParams } from '@/lib/operations/catalog/deliver-flag';
import { setFlagValueInputSchema } from '@/lib/flags/flag-input';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { authorizeOnChain } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import type { Enqueued } from '@/lib/server/operations/kernel/enqueue';
import { operationChainSelect } from '@/lib/server/operations/record-operation';
import type { OperationChain } from '@/lib/server/operations/record-operation';
import { readFlag } from './flag-records';
import { queueFlagDelivery } from './queue-flag-delivery';

// A change of one chain's flag value, or a re-apply of its effective value, queued as a `deliver-flag`
// operation: the request, its operation and its audit event commit together (lib/server/operations/kernel/
// enqueue.ts). The value becomes the chain's override only once the step has written it to the chain's
// parameter, so what Fleetpane records is what was delivered. One delivery at a time per chain: a second
// request while one is queued or running is a 409 naming it, not a newer value superseding it, because the one
// queued may be a sensitive change awaiting a second person's approval (superseding it would skip that
// approval) and every delivery is audited with the exact value it wrote. A sensitive flag's change waits for
// approval (POST /api/v1/operations/{id}/approve); a re-apply writes the value already approved, and does not.

type Request = { slug: string; key: string; idempotencyKey: string | null };

/** PUT /api/v1/chains/{slug}/flags/{key} { value } (ops, admins): 202 with the delivery. */
export async function setChainFlag(input: Request & { body: unknown }): Promise<Enqueued> {
  const { chain, actor } = await chainFor(input.slug);
  await readFlag(input.key); // a 404 before a 400
  const body = setFlagValueInputSchema.safeParse(input.body);
  if (!body.success) throw invalid(zodIssues(body.error, { root: 'body' }));
  return requestFlagDelivery(chain, actor, { action: 'set', key: input.key, value: body.data.value }, input);
}

/** Writes the chain's effective value again (drift: modified or missing), audited as a delivery. */
export async function reapplyChainFlag(input: Request): Promise<Enqueued> {
  const { chain, actor } = await chainFor(input.slug);
  await readFlag(input.key);
  return requestFlagDelivery(chain, actor, { action: 'reapply', key: input.key }, input);
}

async function chainFor(slug: string) {
  const chain = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: { ...operationChainSelect, accountManagerId: true },
  });
  if (!chain) throw new AppError('not-found', `No chain "${slug}".`);
  const user = await authorizeOnChain('flags:write', chain);
  return { chain, actor: { id: user.id, email: user.email } };
}

function requestFlagDelivery(
  chain: OperationChain,
  actor: Actor,
  params: DeliverFlagParams,
  input: Request,
): Promise<Enqueued> {
  // A PUT is repeatable as is: without an Idempotency-Key, each one is its own request.
  return queueFlagDelivery(chain, actor, params, { idempotencyKey: input.idempotencyKey ?? randomUUID() });
}
