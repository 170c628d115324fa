import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';

// A rollout as the API hands it out, with its wave's progress (the wave is the kernel's, by id).

export const rolloutSchema = z
  .object({
    id: z.uuid(),
    flag: z.string(),
    value: z.unknown(),
    match: z.record(z.string(), z.unknown()).describe('{ tier?, region?, residency?, chains? } as requested'),
    chains: z.array(z.string()).describe('The chains it was started on, the canary first; empty until started'),
    batchSize: z.number().int(),
    at: z.string().nullable().describe('When a scheduled rollout starts (UTC); null: at once'),
    status: z.enum(['scheduled', 'started', 'cancelled', 'suspended']),
    reason: z.string().nullable().describe('Why it was suspended'),
    wave: z
      .object({ id: z.uuid(), status: z.string(), error: z.string().nullable() })
      .nullable()
      .describe('Its deliveries: running, succeeded, or stopped (with the failure)'),
    requestedBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
  })
  .meta({ id: 'FlagRollout' });
export type RolloutDto = z.infer<typeof rolloutSchema>;
export const rolloutResponseSchema = z.object({ rollout: rolloutSchema }).meta({ id: 'FlagRolloutResponse' });
export const rolloutsResponseSchema = z
  .object({ rollouts: z.array(rolloutSchema) })
  .meta({ id: 'FlagRolloutsResponse' });

export const rolloutSelect = {
  id: true,
  value: true,
  match: true,
  chains: true,
  batchSize: true,
  at: true,
  status: true,
  reason: true,
  waveId: true,
  createdAt: true,
  startedAt: true,
  flag: { select: { key: true } },
  requestedBy: { select: { email: true } },
} satisfies Prisma.FlagRolloutSelect;
type RolloutRow = Prisma.FlagRolloutGetPayload<{ select: typeof rolloutSelect }>;

/** The rollouts as DTOs, each with its wave's status read in one query. */
export async function toRolloutDtos(rows: RolloutRow[]): Promise<RolloutDto[]> {
  const ids = rows.flatMap((r) => (r.waveId ? [r.waveId] : []));
  const waves = ids.length
    ? await db.wave.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, error: true } })
    : [];
  const byId = new Map(waves.map((w) => [w.id, w]));
  return rows.map((r) => ({
    id: r.id,
    flag: r.flag.key,
    value: r.value,
    match: r.match as Record<string, unknown>,
    chains: r.chains,
    batchSize: r.batchSize,
    at: r.at?.toISOString() ?? null,
    status: r.status,
    reason: r.reason,
    wave: (r.waveId && byId.get(r.waveId)) || null,
    requestedBy: r.requestedBy.email,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
  }));
}

export async function findRollout(id: string): Promise<RolloutDto> {
  const row = await db.flagRollout.findUniqueOrThrow({ where: { id }, select: rolloutSelect });
  return (await toRolloutDtos([row]))[0]!;
}
