// GET /api/v1/operations's filters: one schema for the route and its OpenAPI description.
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { operationStatuses, operationTypes } from './operation-types';

export const operationFilterSchema = z.strictObject({
  chain: chainSlugSchema.optional(),
  status: z.enum(operationStatuses).optional(),
  type: z.enum(operationTypes).optional(),
});
