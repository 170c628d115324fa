import 'server-only';
import { AppError } from '@/lib/app-error';
import { canSeeMoney } from '@/lib/server/auth/roles';
import type { Viewer } from '@/lib/server/auth/roles';
import { db } from '@/lib/server/db/client';
import { MONEY_HIDDEN_NOTE } from '@/lib/sla/dto';
import type { ContractDto, ContractView } from '@/lib/sla/dto';
import { readCreditSchedule, readUpgrades } from '@/lib/sla/sla-terms';
import { contractTerms } from './hide-money';

/**
 * A chain's contract as the viewer may see it (its money only for canSeeMoney); null when no active chain
 * has that slug.
 */
export async function findContract(slug: string, viewer: Viewer): Promise<ContractView | null> {
  const c = await db.chain.findFirst({
    where: { slug, decommissionedAt: null },
    select: {
      id: true,
      slug: true,
      name: true,
      accountManagerId: true,
      accountManager: { select: { name: true } },
      contract: {
        select: {
          tier: { select: { key: true } },
          startDate: true,
          endDate: true,
          monthlyPrice: true,
          currency: true,
          marginTargetPct: true,
          upgrades: true,
          creditSchedule: true,
          version: true,
          updatedAt: true,
        },
      },
    },
  });
  if (!c) return null;
  const k = c.contract;
  const full: ContractDto | null = k && {
    tier: k.tier.key,
    startDate: k.startDate.toISOString().slice(0, 10),
    endDate: k.endDate.toISOString().slice(0, 10),
    monthlyPrice: k.monthlyPrice.toFixed(2),
    currency: k.currency,
    marginTargetPct: k.marginTargetPct.toFixed(2),
    upgrades: readUpgrades(k.upgrades),
    creditSchedule: readCreditSchedule(k.creditSchedule),
    version: k.version,
    updatedAt: k.updatedAt.toISOString(),
  };
  const money = canSeeMoney(viewer, c);
  return {
    chain: {
      id: c.id,
      slug: c.slug,
      name: c.name,
      accountManagerId: c.accountManagerId,
      accountManager: c.accountManager?.name ?? null,
    },
    contract:
      full && (money ? { ...full, moneyHidden: false } : { ...contractTerms(full), moneyHidden: true as const }),
  };
}

/** What the edit form offers: the tiers, and (for admins) who may manage a chain. */
export async function findContractFormOptions(): Promise<{
  tiers: { key: string; name: string; targetPct: number }[];
  managers: { id: string; name: string }[];
}> {
  const [tiers, managers] = await Promise.all([
    db.slaTier.findMany({
      select: { key: true, name: true, availabilityTarget: true },
      orderBy: { availabilityTarget: 'asc' },
    }),
    db.user.findMany({
      where: { active: true, role: { in: ['account_manager', 'admin'] } },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
  ]);
  return {
    tiers: tiers.map((t) => ({ key: t.key, name: t.name, targetPct: t.availabilityTarget.toNumber() })),
    managers,
  };
}

/**
 * The whole contract, for a caller already authorized for the chain's money (the contract API, the edit
 * form); a view without money here is a bug in the caller's check, refused rather than sent.
 */
export function contractWithMoney(view: ContractView): ContractDto | null {
  if (!view.contract) return null;
  if (view.contract.moneyHidden) throw new AppError('forbidden', MONEY_HIDDEN_NOTE);
  const { moneyHidden: _flag, ...contract } = view.contract;
  return contract;
}
