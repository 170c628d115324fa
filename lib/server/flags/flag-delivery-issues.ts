import 'server-only';
import type { DeliverFlagParams } from '@/lib/operations/catalog/deliver-flag';
import { flagValueIssues, residencyIssues } from '@/lib/flags/flag-value';
import { db } from '@/lib/server/db/client';
import { flagRules } from './flag-records';

/**
 * Problems of a flag delivery against what is recorded now: the flag in use, and for a new value its type,
 * JSON Schema and the chain's residency. Checked at the request (a 400) and again by the step that writes it
 * (the flag may have changed in between, the delivery may have waited for an approval).
 */
export async function flagDeliveryIssues(chainId: string, params: DeliverFlagParams): Promise<string[]> {
  const [flag, chain] = await Promise.all([
    db.flag.findUnique({
      where: { key: params.key },
      select: { key: true, type: true, defaultValue: true, jsonSchema: true, residency: true, archivedAt: true },
    }),
    db.chain.findUniqueOrThrow({
      where: { id: chainId },
      select: { slug: true, residency: true, decommissionedAt: true },
    }),
  ]);
  if (chain.decommissionedAt) return [`${chain.slug} is decommissioned: nothing is delivered to it`];
  if (!flag) return [`key: no flag "${params.key}"`];
  if (flag.archivedAt) return [`key: ${flag.key} is archived: nothing is delivered for it`];
  if (params.action !== 'set') return [];
  return [...flagValueIssues(flagRules(flag), params.value), ...residencyIssues(flagRules(flag), chain, params.value)];
}
