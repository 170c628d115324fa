import { chainDatabaseName } from '@/lib/chain-slug';
import 'server-only';
import { demoPriceCatalog } from '@/lib/finance/demo-prices';
import { db } from '@/lib/server/db/client';
import { hashPassword } from '@/lib/server/auth/password';
import { demoTiers } from './demo-tiers';
import { DEMO_PASSWORD, demoUsers } from './demo-users';
import type { DemoFleet } from './demo-fleet';

/** Below the target: 10 % of the month; below 99 %: 25 %; below 95 %: 50 %. */
function creditSchedule(target: string) {
  return [
    { below: Number(target), creditPct: 10 },
    { below: 99, creditPct: 25 },
    { below: 95, creditPct: 50 },
  ];
}

/** Writes the demo fleet into an empty database; a database that has chains is left alone. */
export async function seedDemoDb(
  fleet: DemoFleet,
  options: { historyDays?: number } = {},
): Promise<{ seeded: boolean }> {
  // The demo chains have existed as long as their metric history goes back.
  const createdAt = new Date(Date.now() - (options.historyDays ?? 30) * 86_400_000);
  if ((await db.chain.count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, string>();
  for (const u of demoUsers) {
    const user = await db.user.upsert({
      where: { email: u.email },
      create: { email: u.email, name: u.name, role: u.role, passwordHash, isDemo: true },
      update: {},
      select: { id: true },
    });
    users.set(u.email.split('@')[0]!, user.id);
  }
  const tiers = new Map<string, string>();
  for (const t of demoTiers) {
    const { monthlyPrice: _price, ...tier } = t;
    const row = await db.slaTier.upsert({
      where: { key: t.key },
      create: {
        ...tier,
        requiresEncryption: true,
        allowedRegions: [],
        creditSchedule: creditSchedule(tier.availabilityTarget),
      },
      update: {},
      select: { id: true },
    });
    tiers.set(t.key, row.id);
  }
  const shared = new Map<string, string>();
  for (const s of fleet.sharedInstances) {
    const row = await db.sharedDbInstance.create({
      data: { dbInstanceIdentifier: s.identifier, region: s.region, awsAccountId: s.accountId },
      select: { id: true },
    });
    shared.set(s.identifier, row.id);
  }
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), 1));
  await db.$transaction(
    fleet.chains.map((c, i) => {
      const tier = demoTiers.find((t) => t.key === c.tier)!;
      // Renewals spread over the coming year, a few inside the next 90 days.
      const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1 + (i % 12), 0));
      return db.chain.create({
        data: {
          slug: c.slug,
          name: c.name,
          region: c.region,
          residency: c.residency,
          awsAccountId: c.accountId,
          roleArn: c.roleArn,
          healthCheckId: `hc-${c.slug}`,
          createdAt,
          tierId: tiers.get(c.tier)!,
          accountManagerId: users.get(c.accountManager),
          deployment: {
            create: {
              databaseKind: c.database.kind,
              dbInstanceIdentifier: c.database.identifier,
              sharedDbInstanceId: c.database.kind === 'shared' ? shared.get(c.database.identifier) : undefined,
              databaseName: chainDatabaseName(c.slug),
            },
          },
          contract: {
            create: {
              tierId: tiers.get(c.tier)!,
              startDate: start,
              endDate: end,
              monthlyPrice: tier.monthlyPrice,
              currency: c.residency === 'EU' ? 'EUR' : 'USD',
              marginTargetPct: '35.00',
              upgrades: c.upgrades ?? [],
              creditSchedule: creditSchedule(tier.availabilityTarget),
            },
          },
        },
      });
    }),
  );
  return { seeded: true };
}

/** Loads the demo price catalog into an empty catalog; an edited catalog is left alone. */
export async function seedDemoPrices(): Promise<{ seeded: boolean }> {
  if ((await db.priceItem.count()) > 0) return { seeded: false };
  await db.priceItem.createMany({ data: demoPriceCatalog() });
  return { seeded: true };
}
