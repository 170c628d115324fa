import 'server-only';
import type { FlagType } from '@/lib/flags/flag-input';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';

// A chain's effective value of each flag in use (not archived): its override, else the default. The one place
// that rule is written; delivery, the flagd document, drift and the API all read it here.

export type EffectiveFlag = {
  flagId: string;
  key: string;
  type: FlagType;
  sensitive: boolean;
  value: unknown;
  source: 'override' | 'default';
  setBy: string | null;
  setAt: Date | null;
};

export async function effectiveFlags(
  chainIds: string[],
  client: Prisma.TransactionClient = db,
): Promise<Map<string, EffectiveFlag[]>> {
  const flags = await client.flag.findMany({
    where: { archivedAt: null },
    select: {
      id: true,
      key: true,
      type: true,
      sensitive: true,
      defaultValue: true,
      overrides: {
        where: { chainId: { in: chainIds } },
        select: { chainId: true, value: true, setAt: true, setBy: { select: { email: true } } },
      },
    },
    orderBy: { key: 'asc' },
  });
  const out = new Map<string, EffectiveFlag[]>(chainIds.map((id) => [id, []]));
  for (const f of flags) {
    const byChain = new Map(f.overrides.map((o) => [o.chainId, o]));
    for (const chainId of chainIds) {
      const o = byChain.get(chainId);
      out.get(chainId)!.push({
        flagId: f.id,
        key: f.key,
        type: f.type,
        sensitive: f.sensitive,
        value: o ? o.value : f.defaultValue,
        source: o ? 'override' : 'default',
        setBy: o?.setBy?.email ?? null,
        setAt: o?.setAt ?? null,
      });
    }
  }
  return out;
}
