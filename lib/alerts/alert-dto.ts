// What the alert API hands out, to the API and pages alike: plain data, never the Prisma row. Types are
// inferred from the schemas the OpenAPI document is built from.
import { z } from 'zod';

const isoDate = z.string().describe('ISO 8601 date-time, UTC');
const chainRef = z.object({ slug: z.string(), name: z.string() });

export const alertSchema = z
  .object({
    id: z.uuid(),
    fingerprint: z.string().describe('Stable for the chain and rule: the same problem keeps it'),
    chain: chainRef,
    rule: z.string(),
    ruleLabel: z.string(),
    severity: z.enum(['page', 'ticket']),
    status: z.enum(['pending', 'firing', 'resolved']).describe('pending: seen, waiting out the group wait'),
    summary: z.string(),
    detail: z.record(z.string(), z.string()),
    startsAt: isoDate,
    firedAt: isoDate.nullable(),
    endsAt: isoDate.nullable(),
    notifiedAt: isoDate.nullable().describe('The last firing or reminder notification queued; null: nobody told yet'),
    reminders: z.number().int(),
    heldBy: z.string().nullable().describe('The silence or maintenance window holding its notifications'),
    acknowledgedAt: isoDate.nullable(),
    acknowledgedBy: z.string().nullable(),
    deliveries: z.record(z.string(), z.number().int()).describe('Its notifications by status'),
  })
  .meta({ id: 'Alert' });
export type AlertDto = z.infer<typeof alertSchema>;

export const alertListSchema = z
  .object({
    alerts: z.array(alertSchema),
    nextBefore: z.uuid().nullable().describe('Pass as before= for the next page of the history'),
  })
  .meta({ id: 'AlertList' });
export const alertResponseSchema = z.object({ alert: alertSchema }).meta({ id: 'AlertResponse' });

export const silenceSchema = z
  .object({
    id: z.uuid(),
    chain: chainRef.nullable(),
    rule: z.string().nullable(),
    startsAt: isoDate,
    endsAt: isoDate,
    reason: z.string(),
    createdBy: z.string().nullable(),
    expiredAt: isoDate.nullable().describe('Ended early by someone'),
    active: z.boolean(),
  })
  .meta({ id: 'Silence' });
export type SilenceDto = z.infer<typeof silenceSchema>;
export const silenceResponseSchema = z.object({ silence: silenceSchema }).meta({ id: 'SilenceResponse' });
export const silencesResponseSchema = z.object({ silences: z.array(silenceSchema) }).meta({ id: 'SilencesResponse' });

export const maintenanceWindowSchema = z
  .object({
    id: z.uuid(),
    chain: chainRef,
    cron: z.string().describe('When it opens: 5-field cron, UTC'),
    durationMinutes: z.number().int(),
    reason: z.string(),
    createdBy: z.string().nullable(),
    openUntil: isoDate.nullable().describe('Open now until then'),
    nextOpening: isoDate.nullable(),
  })
  .meta({ id: 'MaintenanceWindow' });
export type MaintenanceWindowDto = z.infer<typeof maintenanceWindowSchema>;
export const maintenanceWindowResponseSchema = z
  .object({ window: maintenanceWindowSchema })
  .meta({ id: 'MaintenanceWindowResponse' });
export const maintenanceWindowsResponseSchema = z
  .object({ windows: z.array(maintenanceWindowSchema) })
  .meta({ id: 'MaintenanceWindowsResponse' });
