// GET /api/v1/operations's filters: one schema for the route and its OpenAPI description.
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { operationStatuses, queueTypes } from './operation-types';

export const operationFilterSchema = z.strictObject({
  chain: chainSlugSchema.optional(),
  status: z.enum(operationStatuses).optional(),
  type: z.enum(queueTypes).optional(),
});
