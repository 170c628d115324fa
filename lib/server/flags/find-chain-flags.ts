import 'server-only';
import { AppError } from '@/lib/app-error';
import type { ChainFlagsResult } from '@/lib/flags/flag-dto';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { flagsLock } from '@/lib/server/operations/kernel/operation-module';
import { currentDrift } from './current-drift';
import { effectiveFlags } from './effective-flags';

/**
 * One chain's flags as the API and its page show them: the effective value and where it comes from, what its
 * parameter held when last read back (drift, and who changed it outside Fleetpane), and the delivery queued or
 * running. A flag never read back says so (drift null), never "in sync".
 */
export async function findChainFlags(slug: string): Promise<ChainFlagsResult> {
  const chain = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: { id: true, slug: true },
  });
  if (!chain) throw new AppError('not-found', `No chain "${slug}".`);
  await authorize('fleet:read', { chainId: chain.id, target: chain.slug });
  const [effective, states, lock] = await Promise.all([
    effectiveFlags([chain.id]),
    db.chainFlagState.findMany({
      where: { chainId: chain.id },
      select: {
        flagId: true,
        liveValue: true,
        drift: true,
        checkedAt: true,
        checkError: true,
        modifiedBy: true,
        modifiedAt: true,
        liveVersion: true,
      },
    }),
    db.instanceLock.findUnique({ where: { instanceKey: flagsLock(chain) }, select: { operationId: true } }),
  ]);
  const pending = lock
    ? await db.operation.findUnique({
        where: { id: lock.operationId },
        select: { id: true, status: true, needsApproval: true, approvedById: true, params: true },
      })
    : null;
  const pendingKey = (pending?.params as { key?: string } | null)?.key;
  const byFlag = new Map(states.map((s) => [s.flagId, s]));
  return {
    chain: chain.slug,
    flags: (effective.get(chain.id) ?? []).map((f) => {
      const s = byFlag.get(f.flagId);
      return {
        key: f.key,
        type: f.type,
        sensitive: f.sensitive,
        value: f.value,
        source: f.source,
        setBy: f.setBy,
        setAt: f.setAt?.toISOString() ?? null,
        live: s?.liveValue ?? null,
        drift: s ? currentDrift(s.drift, s.liveValue, f.value) : null,
        checkedAt: s?.checkedAt.toISOString() ?? null,
        checkError: s?.checkError ?? null,
        modifiedBy: s?.modifiedBy ?? null,
        modifiedAt: s?.modifiedAt?.toISOString() ?? null,
        liveVersion: s?.liveVersion ?? null,
        pending:
          pending && pendingKey === f.key
            ? {
                operationId: pending.id,
                status: pending.status,
                awaitingApproval: pending.needsApproval && !pending.approvedById && pending.status === 'queued',
              }
            : null,
      };
    }),
  };
}
