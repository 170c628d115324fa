import 'server-only';
import { db } from '@/lib/server/db/client';
import type { TierDto } from '@/lib/sla/dto';
import { readCreditSchedule } from '@/lib/sla/sla-terms';

/** Every field of a tier an admin edits: the edit form, its audit trail and the list read the same. */
export const tierFields = {
  key: true,
  name: true,
  availabilityTarget: true,
  requiresMultiAz: true,
  minBackupRetentionDays: true,
  requiresEncryption: true,
  requiresDeletionProtection: true,
  requiresDedicatedDatabase: true,
  minInstanceClass: true,
  allowedRegions: true,
  creditSchedule: true,
  version: true,
} as const;

const select = { ...tierFields, _count: { select: { chains: { where: { decommissionedAt: null } } } } } as const;

type Row = {
  availabilityTarget: { toFixed(d: number): string };
  creditSchedule: unknown;
  _count: { chains: number };
} & Omit<TierDto, 'availabilityTarget' | 'creditSchedule' | 'chains'>;

function toDto({ _count, availabilityTarget, creditSchedule, ...t }: Row): TierDto {
  return {
    ...t,
    availabilityTarget: availabilityTarget.toFixed(3),
    creditSchedule: readCreditSchedule(creditSchedule),
    chains: _count.chains,
  };
}

export async function findTiers(): Promise<TierDto[]> {
  return (await db.slaTier.findMany({ select, orderBy: { availabilityTarget: 'asc' } })).map(toDto);
}

export async function findTier(key: string): Promise<TierDto | null> {
  const row = await db.slaTier.findUnique({ where: { key }, select });
  return row && toDto(row);
}
