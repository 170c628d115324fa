// The operations an engineer or a pipeline can request on one chain, as the API names them: the catalog's
// types but provisioning (which POST /api/v1/chains queues for a new chain) and flag deliveries (which a flag
// change queues, PUT /api/v1/chains/{slug}/flags/{key}) and restore drills (which the nightly check queues).
import { z } from 'zod';
import { operationCatalog } from './catalog';
import type { QueueType } from './catalog';

/** Every type the queue runs, for filtering what it ran (provisioning and flag deliveries too). */
export const queueTypes = Object.keys(operationCatalog) as QueueType[];

/** Queued by their own requests, each with its own checks, never as a plain operation. */
const queuedElsewhere = ['provision', 'deliver-flag', 'restore-drill'] as const;

export type OperationType = Exclude<QueueType, (typeof queuedElsewhere)[number]>;

export const operationTypes = queueTypes.filter(
  (t): t is OperationType => !(queuedElsewhere as readonly string[]).includes(t),
);

/** The types that can run as a fleet action (a wave over many chains). */
export const waveTypes = operationTypes.filter((t) => operationCatalog[t].wave);

export const operationRequestSchema = z.strictObject({
  type: z.enum(operationTypes, { error: `type is one of ${operationTypes.join(', ')}` }),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const operationStatuses = ['queued', 'running', 'succeeded', 'failed', 'rolled_back'] as const;

/** A new dedicated instance's class when neither the request nor the tier names one. */
export const dedicatedClassFor = (asked: string | undefined, tierFloor: string | null | undefined) =>
  asked ?? tierFloor ?? 'db.t4g.medium';
