import { chainSlugSchema } from '@/lib/chain-slug';
import type { Metadata } from 'next';
import { z } from 'zod';
import { OperationList } from '@/components/operations/operation-list';
import { operationLabel } from '@/lib/operations/catalog';
import { operationStatuses, queueTypes } from '@/lib/operations/operation-types';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { findOperations } from '@/lib/server/operations/find-operations';
import { findWaves } from '@/lib/server/operations/waves';
import { findTiers } from '@/lib/server/sla/find-tiers';
import { FleetAction, WaveList } from './fleet-action';
import { ProvisionForm } from './provision-form';

export const metadata: Metadata = { title: 'Operations' };

const filterSchema = z.object({
  chain: chainSlugSchema.optional().catch(undefined),
  status: z.enum(operationStatuses).optional().catch(undefined),
  type: z.enum(queueTypes).optional().catch(undefined),
});

export default async function OperationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await authorizePage('fleet:read');
  const raw = await searchParams;
  const filter = filterSchema.parse({
    chain: raw.chain || undefined,
    status: raw.status || undefined,
    type: raw.type || undefined,
  });
  const canOperate = can(user.role, 'operations:request');
  const [operations, waves, tiers] = await Promise.all([
    findOperations({ ...filter, take: 100 }),
    findWaves(),
    canOperate ? findTiers() : [],
  ]);
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <>
      <h1 className="text-2xl font-semibold">Operations</h1>
      {canOperate && <ProvisionForm tiers={tiers.map((t) => ({ key: t.key, name: t.name }))} />}
      {canOperate && <FleetAction tiers={tiers.map((t) => ({ key: t.key, name: t.name }))} />}
      <WaveList initial={waves} />
      <form method="get" className="mt-3 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">Chain</span>
          <input
            name="chain"
            defaultValue={filter.chain}
            placeholder="slug"
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">Status</span>
          <select
            name="status"
            defaultValue={filter.status ?? ''}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">any</option>
            {operationStatuses.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">Type</span>
          <select name="type" defaultValue={filter.type ?? ''} className="rounded border border-slate-300 px-2 py-1">
            <option value="">any</option>
            {queueTypes.map((t) => (
              <option key={t} value={t}>
                {operationLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">
          Filter
        </button>
      </form>
      <section aria-label="Operations" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <OperationList query={query} initial={operations} showChain me={canOperate ? user.email : null} />
      </section>
    </>
  );
}
