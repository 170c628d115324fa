import 'server-only';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorizeOnChain, AuthError } from '@/lib/server/auth/authorize';
import { requestIp } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';
import { forgetFinanceCache } from '@/lib/server/finance/report-cache';
import { forgetFleetCache } from '@/lib/server/fleet/find-fleet-page';
import { contractInputSchema, fieldErrors } from '@/lib/sla/contract-input';
import { syncConformance } from './find-conformance';

export type UpdateContractResult =
  | { ok: true; version: number }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409; message: string; errors?: Record<string, string[]> };

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
export async function updateContract(slug: string, raw: unknown): Promise<UpdateContractResult> {
  const chain = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: { id: true, slug: true, accountManagerId: true, contract: { select: { id: true, ...contractFields } } },
  });
  if (!chain) return { ok: false, status: 404, message: `No chain "${slug}".` };
  let user;
  try {
    user = await authorizeOnChain('contracts:edit', chain);
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, status: error.status, message: error.message };
    throw error;
  }
  const parsed = contractInputSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      message: 'The contract was not saved: correct the fields marked.',
      errors: fieldErrors(parsed.error),
    };
  const input = parsed.data;
  const tier = await db.slaTier.findUnique({ where: { key: input.tier }, select: { id: true } });
  if (!tier)
    return {
      ok: false,
      status: 400,
      message: 'The contract was not saved.',
      errors: { tier: [`No tier "${input.tier}"`] },
    };
  const reassign = input.accountManagerId !== undefined && input.accountManagerId !== chain.accountManagerId;
  if (reassign && user.role !== 'admin')
    return { ok: false, status: 403, message: 'Only an admin reassigns a chain to another account manager.' };
  if (reassign && input.accountManagerId) {
    const manager = await db.user.findFirst({
      where: { id: input.accountManagerId, active: true, role: { in: ['account_manager', 'admin'] } },
      select: { id: true },
    });
    if (!manager)
      return {
        ok: false,
        status: 400,
        message: 'The contract was not saved.',
        errors: { accountManagerId: ['Pick an active account manager'] },
      };
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
  if (input.version !== current) return conflict(current);
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
    return tx.contract.findUniqueOrThrow({ where: { chainId: chain.id }, select: contractFields });
  });
  if (!saved)
    return conflict(
      (await db.contract.findUnique({ where: { chainId: chain.id }, select: { version: true } }))?.version ?? 0,
    );

  await recordAuditEvent({
    actor: { id: user.id, email: user.email },
    action: 'contract.update',
    result: 'ok',
    chainId: chain.id,
    target: chain.slug,
    ip: await requestIp(),
    detail: {
      before: chain.contract ? auditable(chain.contract, chain.accountManagerId) : null,
      after: auditable(saved, reassign ? (input.accountManagerId ?? null) : chain.accountManagerId),
    },
  });
  // The tier or the upgrades decide what the deployment must be: findings change with them.
  await syncConformance({ chainIds: [chain.id] });
  await forgetFleetCache();
  await forgetFinanceCache();
  return { ok: true, version: saved.version };
}

function conflict(current: number): UpdateContractResult {
  return {
    ok: false,
    status: 409,
    message: `Someone else saved this contract while you were editing it (now version ${current}). Reload to see their changes, then edit again.`,
  };
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
