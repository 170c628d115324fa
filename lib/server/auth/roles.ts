import type { Role } from '@/lib/generated/prisma/enums';

// What each role may do. Everyone signed in may view the fleet (DESIGN.md, Roles).
export type Permission =
  | 'fleet:read'
  | 'fleet:refresh'
  | 'operations:request'
  | 'contracts:edit'
  | 'finance:read'
  | 'costs:read'
  | 'costs:ingest'
  | 'prices:manage'
  | 'tiers:manage'
  | 'schedules:manage'
  | 'users:manage'
  // Flags: admins define them (key, type, default, rules); ops and admins change a chain's value. Everyone
  // signed in reads them (fleet:read).
  | 'flags:define'
  | 'flags:write'
  // Money: contract and upgrade prices, monthly totals, credit amounts, revenue, cost, margin. Chain-scoped
  // for account managers (canOnChain); the catalog's infrastructure prices are not money in this sense.
  | 'money:read'
  // Everyone reads the audit trail, each their scope (lib/server/audit/audit-scope.ts); admins verify it.
  | 'audit:read'
  | 'audit:verify'
  // Alerts: everyone reads them (fleet:read). Ops, admins and a chain's account manager acknowledge; ops and
  // admins silence and set maintenance windows; admins manage the channels alerts go to. Ops and admins run
  // the nightly check on demand.
  | 'alerts:ack'
  | 'alerts:silence'
  | 'alerts:channels'
  | 'checks:run';

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    'fleet:read',
    'fleet:refresh',
    'operations:request',
    'contracts:edit',
    'finance:read',
    'costs:read',
    'costs:ingest',
    'prices:manage',
    'tiers:manage',
    'schedules:manage',
    'users:manage',
    'flags:define',
    'flags:write',
    'money:read',
    'audit:read',
    'audit:verify',
    'alerts:ack',
    'alerts:silence',
    'alerts:channels',
    'checks:run',
  ],
  ops: [
    'fleet:read',
    'fleet:refresh',
    'operations:request',
    'flags:write',
    'audit:read',
    'alerts:ack',
    'alerts:silence',
    'checks:run',
  ],
  // An account manager reads costs of the chains they manage only (scoped where the report is read).
  account_manager: ['fleet:read', 'contracts:edit', 'costs:read', 'money:read', 'audit:read', 'alerts:ack'],
  finance: ['fleet:read', 'finance:read', 'costs:read', 'costs:ingest', 'money:read', 'audit:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** Account managers act only on the chains they manage; other roles' grants cover the whole fleet. */
export function canOnChain(
  user: { id: string; role: Role },
  permission: Permission,
  chain: { accountManagerId: string | null },
): boolean {
  if (!can(user.role, permission)) return false;
  return user.role !== 'account_manager' || chain.accountManagerId === user.id;
}

/** Who reads a DTO that may carry money: a signed-in user, or a plain { id, role } in tests. */
export type Viewer = { id: string; role: Role };

/** Whether the user may see a chain's money (its own account manager, finance, admins). */
export function canSeeMoney(user: Viewer, chain: { accountManagerId: string | null }): boolean {
  return canOnChain(user, 'money:read', chain);
}

export const roles = ['admin', 'ops', 'account_manager', 'finance'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  ops: 'Ops engineer',
  account_manager: 'Account manager',
  finance: 'Finance',
};
