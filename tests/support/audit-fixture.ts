import type { Role } from '@/lib/generated/prisma/enums';
import type { SessionUser } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';

// The audit tests' world: one user per role (two account managers), two chains, a contract-less tier and a
// schedule, in the test file's own database.

export type AuditFixture = {
  users: Record<'admin' | 'ops' | 'am' | 'am2' | 'finance', SessionUser>;
  chains: Record<'alpha' | 'bravo', string>;
};

export async function seedAuditFixture(): Promise<AuditFixture> {
  const users = {} as AuditFixture['users'];
  const chains = {} as AuditFixture['chains'];
  for (const [login, role] of [
    ['admin', 'admin'],
    ['ops', 'ops'],
    ['am', 'account_manager'],
    ['am2', 'account_manager'],
    ['finance', 'finance'],
  ] as const) {
    users[login] = await db.user.create({
      data: { email: `${login}@example.com`, name: login, role: role as Role },
      select: { id: true, email: true, name: true, role: true },
    });
  }
  const tier = await db.slaTier.create({ data: { key: 'standard', name: 'Standard', availabilityTarget: '99.9' } });
  for (const slug of ['alpha', 'bravo'] as const) {
    const row = await db.chain.create({
      data: {
        slug,
        name: slug,
        region: 'eu-west-1',
        awsAccountId: '123456789012',
        healthCheckId: `hc-${slug}`,
        tierId: tier.id,
        accountManagerId: slug === 'alpha' ? users.am.id : users.am2.id,
      },
      select: { id: true },
    });
    chains[slug] = row.id;
  }
  await db.schedule.create({
    data: { name: 'nightly', everySeconds: 86_400, nextRunAt: new Date(Date.now() + 3_600_000) },
  });
  return { users, chains };
}
