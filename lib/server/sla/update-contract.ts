import 'server-only';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError, zodFields } from '@/lib/app-error';
import { authorize, authorizeOnChain } from '@/lib/server/auth/authorize';
import { announceChange } from '@/lib/server/db/change-signal';
import { db } from '@/lib/server/db/client';
import { contractInputSchema } from '@/lib/sla/contract-input';
import { syncConformance } from './find-conformance';

const contractFields = {
  tierId: true,
  startDate: true,
  endDate: true,
  monthlyPrice: true,
  currency: true,
  marginTargetPct: true,
  upgrades: true,
  creditSchedule: true,
  version: true,
} as const;

/**
 * Edits a chain's contract. The caller must be allowed to edit this chain's contract (an account manager
 * only their own chains); the edit applies only to the version it read; before and after are audited.
 */
export async function updateContract(slug: string, raw: unknown): Promise<{ version: number }> {
  // The role first (a caller who may edit no contract learns nothing about chains), then this chain's scope.
  await authorize('contracts:edit', { target: slug.slice(0, 100) });
  const chain = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: { id: true, slug: true, accountManagerId: true, contract: { select: { id: true, ...contractFields } } },
  });
  if (!chain) throw new AppError('not-found', `No chain "${slug}".`);
  const user = await authorizeOnChain('contracts:edit', chain);
  const parsed = contractInputSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = zodFields(parsed.error, { root: 'form' });
    throw new AppError('bad-request', 'The contract was not saved: correct the fields marked.', { fields });
  }
  const input = parsed.data;
  const tier = await db.slaTier.findUnique({ where: { key: input.tier }, select: { id: true } });
  if (!tier) throw notSaved({ tier: [`No tier "${input.tier}"`] });
  const reassign = input.accountManagerId !== undefined && input.accountManagerId !== chain.accountManagerId;
  if (reassign && user.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin reassigns a chain to another account manager.');
  }
  if (reassign && input.accountManagerId) {
    const manager = await db.user.findFirst({
      where: { id: input.accountManagerId, active: true, role: { in: ['account_manager', 'admin'] } },
      select: { id: true },
    });
    if (!manager) throw notSaved({ accountManagerId: ['Pick an active account manager'] });
  }

  const data = {
    tierId: tier.id,
    startDate: new Date(`${input.startDate}T00:00:00Z`),
    endDate: new Date(`${input.endDate}T00:00:00Z`),
    monthlyPrice: input.monthlyPrice,
    currency: input.currency,
    marginTargetPct: input.marginTargetPct,
    upgrades: input.upgrades,
    creditSchedule: input.creditSchedule,
  };
  const current = chain.contract?.version ?? 0;
  if (input.version !== current) throw conflict(current);
  const saved = await db.$transaction(async (tx) => {
    const written = chain.contract
      ? await tx.contract.updateMany({
          where: { id: chain.contract.id, version: input.version },
          data: { ...data, version: { increment: 1 } },
        })
      : await tx.contract.create({ data: { ...data, chainId: chain.id } }).then(() => ({ count: 1 }));
    if (written.count === 0) return null;
    await tx.chain.update({
      where: { id: chain.id },
      data: { tierId: tier.id, ...(reassign ? { accountManagerId: input.accountManagerId } : {}) },
    });
    const after = await tx.contract.findUniqueOrThrow({ where: { chainId: chain.id }, select: contractFields });
    await recordAuditEvent(
      {
        actor: user,
        action: 'contract.update',
        result: 'ok',
        chainId: chain.id,
        target: chain.slug,
        before: chain.contract ? auditable(chain.contract, chain.accountManagerId) : null,
        after: auditable(after, reassign ? (input.accountManagerId ?? null) : chain.accountManagerId),
      },
      tx,
    );
    return after;
  });
  if (!saved)
    throw conflict(
      (await db.contract.findUnique({ where: { chainId: chain.id }, select: { version: true } }))?.version ?? 0,
    );

  // The tier or the upgrades decide what the deployment must be: findings change with them.
  await syncConformance({ chainIds: [chain.id] });
  await announceChange('fleet');
  await announceChange('finance');
  return { version: saved.version };
}

const notSaved = (fields: Record<string, string[]>) =>
  new AppError('bad-request', 'The contract was not saved.', { fields });

function conflict(current: number): AppError {
  return new AppError(
    'conflict',
    `Someone else saved this contract while you were editing it (now version ${current}). Reload to see their changes, then edit again.`,
  );
}

type ContractRow = {
  tierId: string;
  startDate: Date;
  endDate: Date;
  monthlyPrice: { toFixed(d: number): string };
  currency: string;
  marginTargetPct: { toFixed(d: number): string };
  upgrades: unknown;
  creditSchedule: unknown;
  version: number;
};

function auditable(c: ContractRow, accountManagerId: string | null) {
  return {
    tierId: c.tierId,
    startDate: c.startDate.toISOString().slice(0, 10),
    endDate: c.endDate.toISOString().slice(0, 10),
    monthlyPrice: c.monthlyPrice.toFixed(2),
    currency: c.currency,
    marginTargetPct: c.marginTargetPct.toFixed(2),
    upgrades: c.upgrades as object,
    creditSchedule: c.creditSchedule as object,
    accountManagerId,
    version: c.version,
  };
}
