import { describe, expect, it } from 'vitest';
import { can } from '@/lib/server/auth/roles';

describe('role grants', () => {
  it('lets everyone signed in read the fleet', () => {
    for (const role of ['admin', 'ops', 'account_manager', 'finance'] as const) expect(can(role, 'fleet:read')).toBe(true);
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
});
