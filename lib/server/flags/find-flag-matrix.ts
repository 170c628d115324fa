import 'server-only';
import type { FlagMatrix, FlagMatrixQuery } from '@/lib/flags/flag-matrix';
import type { Prisma } from '@/lib/generated/prisma/client';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { currentDrift } from './current-drift';
import { effectiveFlags } from './effective-flags';

// Every flag in use against a page of chains, filtered by tier, region, residency and a search over chain
// and flag names: each cell the chain's effective value, where it comes from, and its parameter's drift.

export const MATRIX_PAGE_SIZE = 50;

export async function findFlagMatrix(query: FlagMatrixQuery): Promise<FlagMatrix> {
  await authorize('fleet:read', { target: 'flags' });
  const q = query.q?.trim();
  const allFlags = await db.flag.findMany({
    where: { archivedAt: null },
    select: { key: true, type: true, residency: true, sensitive: true },
    orderBy: { key: 'asc' },
  });
  // A search that names a flag shows that flag for every chain; otherwise it looks for chains.
  const named = q ? allFlags.filter((f) => f.key.includes(q.toLowerCase())) : allFlags;
  const chainSearch = q && named.length === 0 ? q : undefined;
  const shownFlags = chainSearch ? allFlags : named;
  const where: Prisma.ChainWhereInput = {
    decommissionedAt: null,
    ...(query.tier ? { tier: { key: query.tier } } : {}),
    ...(query.region ? { region: query.region } : {}),
    ...(query.residency === 'none' ? { residency: null } : query.residency ? { residency: query.residency } : {}),
    ...(chainSearch
      ? {
          OR: [
            { slug: { contains: chainSearch.toLowerCase() } },
            { name: { contains: chainSearch, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [total, chains] = await Promise.all([
    db.chain.count({ where }),
    db.chain.findMany({
      where,
      select: { id: true, slug: true, name: true, region: true, residency: true, tier: { select: { key: true } } },
      orderBy: { slug: 'asc' },
      skip: (query.page - 1) * MATRIX_PAGE_SIZE,
      take: MATRIX_PAGE_SIZE,
    }),
  ]);
  const ids = chains.map((c) => c.id);
  const [effective, states] = await Promise.all([
    effectiveFlags(ids),
    db.chainFlagState.findMany({
      where: { chainId: { in: ids } },
      select: { chainId: true, flag: { select: { key: true } }, drift: true, liveValue: true },
    }),
  ]);
  const stateOf = new Map(states.map((s) => [`${s.chainId}|${s.flag.key}`, s]));
  const keys = new Set(shownFlags.map((f) => f.key));
  return {
    flags: shownFlags,
    chains: chains.map((c) => ({
      slug: c.slug,
      name: c.name,
      tier: c.tier.key,
      region: c.region,
      residency: c.residency,
      cells: Object.fromEntries(
        (effective.get(c.id) ?? [])
          .filter((f) => keys.has(f.key))
          .map((f) => {
            const s = stateOf.get(`${c.id}|${f.key}`);
            return [
              f.key,
              { value: f.value, source: f.source, drift: s ? currentDrift(s.drift, s.liveValue, f.value) : null },
            ];
          }),
      ),
    })),
    total,
    page: query.page,
    size: MATRIX_PAGE_SIZE,
  };
}
