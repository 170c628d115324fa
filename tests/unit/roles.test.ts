import { describe, expect, it } from 'vitest';
import { can, canOnChain } from '@/lib/server/auth/roles';

describe('role grants', () => {
  it('lets everyone signed in read the fleet', () => {
    for (const role of ['admin', 'ops', 'account_manager', 'finance'] as const)
      expect(can(role, 'fleet:read')).toBe(true);
  });
  it('keeps operations to ops and admin', () => {
    expect(can('ops', 'operations:request')).toBe(true);
    expect(can('admin', 'operations:request')).toBe(true);
    expect(can('finance', 'operations:request')).toBe(false);
    expect(can('account_manager', 'operations:request')).toBe(false);
  });
  it('keeps contracts to account managers and admin, money to finance and admin', () => {
    expect(can('account_manager', 'contracts:edit')).toBe(true);
    expect(can('ops', 'contracts:edit')).toBe(false);
    expect(can('finance', 'finance:read')).toBe(true);
    expect(can('ops', 'finance:read')).toBe(false);
    expect(can('finance', 'fleet:refresh')).toBe(false);
  });
  it('scopes an account manager to the chains they manage, not admins', () => {
    const mine = { accountManagerId: 'am-1' };
    const theirs = { accountManagerId: 'am-2' };
    expect(canOnChain({ id: 'am-1', role: 'account_manager' }, 'contracts:edit', mine)).toBe(true);
    expect(canOnChain({ id: 'am-1', role: 'account_manager' }, 'contracts:edit', theirs)).toBe(false);
    expect(canOnChain({ id: 'am-1', role: 'account_manager' }, 'contracts:edit', { accountManagerId: null })).toBe(
      false,
    );
    expect(canOnChain({ id: 'x', role: 'admin' }, 'contracts:edit', theirs)).toBe(true);
    expect(canOnChain({ id: 'x', role: 'finance' }, 'contracts:edit', mine)).toBe(false);
  });
  it('shows costs to finance, admins and account managers (scoped), never to ops', () => {
    expect(can('finance', 'costs:read')).toBe(true);
    expect(can('account_manager', 'costs:read')).toBe(true);
    expect(can('ops', 'costs:read')).toBe(false);
    expect(can('account_manager', 'costs:ingest')).toBe(false);
    expect(can('finance', 'prices:manage')).toBe(false);
    expect(can('admin', 'prices:manage')).toBe(true);
  });
  it('keeps tiers to admins', () => {
    expect(can('admin', 'tiers:manage')).toBe(true);
    expect(can('account_manager', 'tiers:manage')).toBe(false);
  });
  it('keeps the recurring jobs (schedules, run now) to admins', () => {
    expect(can('admin', 'schedules:manage')).toBe(true);
    for (const role of ['ops', 'finance', 'account_manager'] as const)
      expect(can(role, 'schedules:manage')).toBe(false);
  });
});
