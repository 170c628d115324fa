import { z } from 'zod';
import { chainDetailSchema } from '@/lib/fleet/dto';
import { contractSchema } from '@/lib/sla/dto';
import { auditEventSchema } from '@/lib/server/audit/find-audit-events';

// The read API's response shapes. The OpenAPI document is generated from these; the DTOs the handlers return
// are inferred from the same schemas (lib/fleet/dto.ts, lib/sla/dto.ts), so the two cannot drift.
export { chainDetailSchema, fleetChainSchema, fleetPageSchema } from '@/lib/fleet/dto';
export { conformanceSchema } from '@/lib/sla/dto';

export const contractResponseSchema = z
  .object({ contract: contractSchema.nullable() })
  .meta({ id: 'ContractResponse' });

export const chainResponseSchema = z.object({ chain: chainDetailSchema }).meta({ id: 'ChainResponse' });
export const errorSchema = z
  .object({ error: z.string(), issues: z.array(z.string()).optional() })
  .meta({ id: 'Error' });
export const auditEventsSchema = z
  .object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditEvents' });
