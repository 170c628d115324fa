import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/server/auth/password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('fleetpane-demo');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('fleetpane-demo', stored)).toBe(true);
    expect(await verifyPassword('fleetpane-dem0', stored)).toBe(false);
  });
  it('salts every hash and refuses malformed stored values', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});
