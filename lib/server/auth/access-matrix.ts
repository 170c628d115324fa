import type { Permission } from './roles';

// The role × action matrix: every page, route handler and server action, with the permission it needs.
// Which role holds which permission is `grants` in roles.ts; the authorization helper checks those grants and
// the tests read both, so a surface is allowed exactly for the roles this file and roles.ts say.
// tests/unit/access-matrix.test.ts fails on a page, route or action that is missing here.

/**
 * `chain`: the permission is checked against the chain in the path (an account manager only on the chains
 * they manage). `public`: no sign-in needed.
 */
export type Scope = 'fleet' | 'chain';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type PageSurface = { kind: 'page'; path: string; permission: Permission | 'public'; scope?: Scope };
export type RouteSurface = {
  kind: 'route';
  method: HttpMethod;
  path: string;
  permission: Permission | 'public';
  scope?: Scope;
};
/** A server action: the file under app/ that exports it and its exported name. */
export type ActionSurface = { kind: 'action'; file: string; name: string; permission: Permission; scope?: Scope };
export type Surface = PageSurface | RouteSurface | ActionSurface;

export const pages: readonly PageSurface[] = [
  { kind: 'page', path: '/', permission: 'public' },
  { kind: 'page', path: '/login', permission: 'public' },
  { kind: 'page', path: '/fleet', permission: 'fleet:read' },
  { kind: 'page', path: '/flags', permission: 'fleet:read' },
  { kind: 'page', path: '/alerts', permission: 'fleet:read' },
  { kind: 'page', path: '/audit', permission: 'audit:read' },
  { kind: 'page', path: '/chains/[slug]', permission: 'fleet:read' },
  { kind: 'page', path: '/chains/[slug]/contract', permission: 'fleet:read' },
  { kind: 'page', path: '/chains/[slug]/contract/edit', permission: 'contracts:edit', scope: 'chain' },
  { kind: 'page', path: '/chains/[slug]/flags', permission: 'fleet:read' },
  { kind: 'page', path: '/chains/[slug]/report', permission: 'fleet:read' },
  { kind: 'page', path: '/chains/[slug]/sla', permission: 'fleet:read' },
  { kind: 'page', path: '/operations', permission: 'fleet:read' },
  { kind: 'page', path: '/reports/costs', permission: 'costs:read' },
  { kind: 'page', path: '/reports/costs/[slug]', permission: 'costs:read', scope: 'chain' },
  { kind: 'page', path: '/settings/alert-channels', permission: 'alerts:channels' },
  { kind: 'page', path: '/settings/prices', permission: 'prices:manage' },
  { kind: 'page', path: '/settings/schedules', permission: 'schedules:manage' },
  { kind: 'page', path: '/settings/tiers', permission: 'tiers:manage' },
  { kind: 'page', path: '/settings/tiers/[key]', permission: 'tiers:manage' },
  { kind: 'page', path: '/settings/tokens', permission: 'fleet:read' },
  { kind: 'page', path: '/settings/users', permission: 'users:manage' },
  { kind: 'page', path: '/sla', permission: 'fleet:read' },
];

export const routes: readonly RouteSurface[] = [
  // Everyone reads the trail, each their own scope (audit-scope.ts).
  { kind: 'route', method: 'GET', path: '/api/v1/alerts', permission: 'fleet:read' },
  // No chain in the path: the alert's own chain is checked inside (an account manager acknowledges only the
  // alerts of the chains they manage; tests/integration/alert-api.test.ts).
  { kind: 'route', method: 'POST', path: '/api/v1/alerts/[id]/ack', permission: 'alerts:ack' },
  { kind: 'route', method: 'GET', path: '/api/v1/alert-channels', permission: 'alerts:channels' },
  { kind: 'route', method: 'POST', path: '/api/v1/alert-channels', permission: 'alerts:channels' },
  { kind: 'route', method: 'GET', path: '/api/v1/alert-channels/[id]', permission: 'alerts:channels' },
  { kind: 'route', method: 'DELETE', path: '/api/v1/alert-channels/[id]', permission: 'alerts:channels' },
  { kind: 'route', method: 'POST', path: '/api/v1/alert-channels/[id]/test', permission: 'alerts:channels' },
  { kind: 'route', method: 'GET', path: '/api/v1/audit', permission: 'audit:read' },
  { kind: 'route', method: 'GET', path: '/api/v1/audit/verify', permission: 'audit:verify' },
  { kind: 'route', method: 'GET', path: '/api/v1/chains', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/chains', permission: 'operations:request' },
  { kind: 'route', method: 'GET', path: '/api/v1/chains/[slug]', permission: 'fleet:read' },
  // The whole contract is money: the page shows everyone its terms, the API only whoever may see its money.
  { kind: 'route', method: 'GET', path: '/api/v1/chains/[slug]/contract', permission: 'money:read', scope: 'chain' },
  {
    kind: 'route',
    method: 'PUT',
    path: '/api/v1/chains/[slug]/contract',
    permission: 'contracts:edit',
    scope: 'chain',
  },
  { kind: 'route', method: 'GET', path: '/api/v1/chains/[slug]/checks', permission: 'fleet:read' },
  { kind: 'route', method: 'GET', path: '/api/v1/chains/[slug]/flags', permission: 'fleet:read' },
  { kind: 'route', method: 'PUT', path: '/api/v1/chains/[slug]/flags/[key]', permission: 'flags:write' },
  { kind: 'route', method: 'POST', path: '/api/v1/chains/[slug]/flags/[key]/reapply', permission: 'flags:write' },
  { kind: 'route', method: 'POST', path: '/api/v1/chains/[slug]/flags/[key]/adopt', permission: 'flags:write' },
  { kind: 'route', method: 'GET', path: '/api/v1/chains/[slug]/metrics', permission: 'fleet:read' },
  { kind: 'route', method: 'GET', path: '/api/v1/chains/[slug]/operations', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/chains/[slug]/operations', permission: 'operations:request' },
  { kind: 'route', method: 'GET', path: '/api/v1/chains/[slug]/sla', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/checks/run', permission: 'checks:run' },
  { kind: 'route', method: 'POST', path: '/api/v1/costs/ingest', permission: 'costs:ingest' },
  { kind: 'route', method: 'GET', path: '/api/v1/maintenance-windows', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/maintenance-windows', permission: 'alerts:silence' },
  { kind: 'route', method: 'DELETE', path: '/api/v1/maintenance-windows/[id]', permission: 'alerts:silence' },
  { kind: 'route', method: 'GET', path: '/api/v1/flags', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/flags', permission: 'flags:define' },
  { kind: 'route', method: 'PATCH', path: '/api/v1/flags/[key]', permission: 'flags:define' },
  { kind: 'route', method: 'GET', path: '/api/v1/flags/[key]/rollouts', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/flags/[key]/rollouts', permission: 'flags:write' },
  { kind: 'route', method: 'POST', path: '/api/v1/flags/[key]/rollouts/[id]/cancel', permission: 'flags:write' },
  { kind: 'route', method: 'POST', path: '/api/v1/fleet/refresh', permission: 'fleet:refresh' },
  { kind: 'route', method: 'GET', path: '/api/v1/openapi.json', permission: 'fleet:read' },
  { kind: 'route', method: 'GET', path: '/api/v1/operations', permission: 'fleet:read' },
  { kind: 'route', method: 'GET', path: '/api/v1/operations/[id]', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/operations/[id]/approve', permission: 'operations:request' },
  { kind: 'route', method: 'POST', path: '/api/v1/operations/[id]/cancel', permission: 'operations:request' },
  { kind: 'route', method: 'GET', path: '/api/v1/reports/costs', permission: 'costs:read' },
  { kind: 'route', method: 'GET', path: '/api/v1/silences', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/silences', permission: 'alerts:silence' },
  { kind: 'route', method: 'POST', path: '/api/v1/silences/[id]/expire', permission: 'alerts:silence' },
  { kind: 'route', method: 'GET', path: '/api/v1/users', permission: 'users:manage' },
  { kind: 'route', method: 'POST', path: '/api/v1/users', permission: 'users:manage' },
  { kind: 'route', method: 'PATCH', path: '/api/v1/users/[id]', permission: 'users:manage' },
  { kind: 'route', method: 'POST', path: '/api/v1/users/[id]/chains', permission: 'users:manage' },
  { kind: 'route', method: 'GET', path: '/api/v1/waves', permission: 'fleet:read' },
  { kind: 'route', method: 'POST', path: '/api/v1/waves', permission: 'operations:request' },
  // next-auth's own endpoints (sign-in, sign-out, session, CSRF token).
  { kind: 'route', method: 'GET', path: '/api/auth/[...nextauth]', permission: 'public' },
  { kind: 'route', method: 'POST', path: '/api/auth/[...nextauth]', permission: 'public' },
];

export const actions: readonly ActionSurface[] = [
  // The alert's chain is checked inside, as for the route.
  { kind: 'action', file: 'app/(console)/alerts/actions.ts', name: 'acknowledgeAlertAction', permission: 'alerts:ack' },
  ...(
    [
      'createSilenceAction',
      'expireSilenceAction',
      'createMaintenanceWindowAction',
      'deleteMaintenanceWindowAction',
    ] as const
  ).map((name) => ({
    kind: 'action' as const,
    file: 'app/(console)/alerts/actions.ts',
    name,
    permission: 'alerts:silence' as const,
  })),
  ...(['createChannelAction', 'deleteChannelAction', 'sendTestAction'] as const).map((name) => ({
    kind: 'action' as const,
    file: 'app/(console)/settings/alert-channels/actions.ts',
    name,
    permission: 'alerts:channels' as const,
  })),
  {
    kind: 'action',
    file: 'app/(console)/chains/[slug]/contract/edit/actions.ts',
    name: 'saveContractAction',
    permission: 'contracts:edit',
    scope: 'chain',
  },
  ...(['setChainFlagAction', 'reapplyChainFlagAction', 'adoptLiveFlagAction'] as const).map((name) => ({
    kind: 'action' as const,
    file: 'app/(console)/chains/[slug]/flags/actions.ts',
    name,
    permission: 'flags:write' as const,
  })),
  {
    kind: 'action',
    file: 'app/(console)/fleet/actions.ts',
    name: 'runNightlyCheckAction',
    permission: 'checks:run',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/prices/actions.ts',
    name: 'savePriceAction',
    permission: 'prices:manage',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/schedules/actions.ts',
    name: 'runScheduleNowAction',
    permission: 'schedules:manage',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/tiers/actions.ts',
    name: 'saveTierAction',
    permission: 'tiers:manage',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/tokens/actions.ts',
    name: 'createTokenAction',
    permission: 'fleet:read',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/tokens/actions.ts',
    name: 'revokeTokenAction',
    permission: 'fleet:read',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/users/actions.ts',
    name: 'createUserAction',
    permission: 'users:manage',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/users/actions.ts',
    name: 'changeRoleAction',
    permission: 'users:manage',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/users/actions.ts',
    name: 'setActiveAction',
    permission: 'users:manage',
  },
  {
    kind: 'action',
    file: 'app/(console)/settings/users/actions.ts',
    name: 'reassignChainsAction',
    permission: 'users:manage',
  },
];

export const surfaces: readonly Surface[] = [...pages, ...routes, ...actions];
