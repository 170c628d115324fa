import 'server-only';
import { chainDatabaseName } from '@/lib/chain-slug';
import { config } from '@/lib/config';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ProvisionSpec } from '@/lib/operations/catalog/provision';
import { dedicatedClassFor } from '@/lib/operations/operation-types';
import type { provisionSchema } from '@/lib/operations/provision-schema';
import { db } from '@/lib/server/db/client';
import { reservedDatabaseName } from '@/lib/server/engine/isolated-database';
import { evaluateConformance } from '@/lib/sla/conformance';
import type { z } from 'zod';
import type { DeployedChain } from './kernel/operation-module';

/** Chains one shared instance takes at most: their connection caps add up to what the instance allows. */
export const SHARED_INSTANCE_CAPACITY = 20;

type ProvisionInput = z.output<typeof provisionSchema>;

export type ProvisionPlan = {
  spec: ProvisionSpec;
  /** The new chain as its operation's locks see it. */
  chain: DeployedChain;
  /** Makes the chain (tier, contract, account manager, deployment) in the operation's transaction. */
  create: (tx: Prisma.TransactionClient) => Promise<{ id: string }>;
};

/**
 * Checks a provisioning request against the tiers, the chains, the users and the shared instances, and
 * works out the new chain's deployment from its tier's template: every problem, or the plan.
 */
export async function planProvisioning(input: ProvisionInput): Promise<{ issues: string[]; plan?: ProvisionPlan }> {
  const issues: string[] = [];
  const tier = await db.slaTier.findUnique({
    where: { key: input.tier },
    select: {
      id: true,
      name: true,
      requiresMultiAz: true,
      minBackupRetentionDays: true,
      requiresEncryption: true,
      requiresDeletionProtection: true,
      requiresDedicatedDatabase: true,
      minInstanceClass: true,
      allowedRegions: true,
      creditSchedule: true,
    },
  });
  if (!tier) issues.push(`tier: no tier "${input.tier}"`);
  if (await db.chain.findUnique({ where: { slug: input.slug }, select: { id: true } }))
    issues.push(`slug: "${input.slug}" is taken`);
  const manager = input.accountManagerEmail
    ? await db.user.findFirst({
        where: { email: input.accountManagerEmail, active: true, role: { in: ['account_manager', 'admin'] } },
        select: { id: true },
      })
    : null;
  if (input.accountManagerEmail && !manager)
    issues.push('accountManagerEmail: no active account manager with that email');
  const instanceClass = dedicatedClassFor(input.database.instanceClass, tier?.minInstanceClass);
  const accountId = config().awsAccountId;
  const shared = tier ? await pickSharedInstance(accountId, input.region, input.database.sharedInstance) : null;
  // The tier's template: a shared instance where the tier allows one and the region has room, else dedicated.
  const kind = input.database.kind ?? (tier && !tier.requiresDedicatedDatabase && shared?.ok ? 'shared' : 'dedicated');
  if (kind === 'shared' && shared && !shared.ok) issues.push(`database: ${shared.problem}`);
  if (kind === 'dedicated' && input.database.sharedInstance)
    issues.push('database.sharedInstance: only for database.kind "shared"');
  if (kind === 'shared' && input.database.instanceClass)
    issues.push('database.instanceClass: a chain on a shared instance has no class of its own');
  const databaseName = chainDatabaseName(input.slug);
  if (reservedDatabaseName(databaseName))
    issues.push(
      `slug: "${input.slug}" would name its database and login after a reserved one (postgres, template0/1, rdsadmin, fleetpane_admin, pg_*, rds*)`,
    );
  if (tier) {
    // The chain is born conforming: the same rules the conformance view holds it to.
    const findings = evaluateConformance({
      chain: { region: input.region, residency: input.residency },
      tier,
      upgrades: [],
      deployment: {
        databaseKind: kind,
        dbClass: kind === 'dedicated' ? instanceClass : null,
        multiAz: kind === 'dedicated' && tier.requiresMultiAz,
        backupRetentionDays: Math.max(1, tier.minBackupRetentionDays),
        storageEncrypted: true,
        deletionProtection: tier.requiresDeletionProtection,
        latestSnapshotAt: new Date(),
        refreshedAt: new Date(),
      },
      now: new Date(),
    }).filter((f) => f.direction === 'under');
    issues.push(...findings.map((f) => `${f.rule}: ${f.title} (promised ${f.promised}, asked ${f.deployed})`));
  }
  if (issues.length || !tier) return { issues };

  const onShared = kind === 'shared' && shared?.ok ? shared : null;
  const spec: ProvisionSpec = {
    databaseKind: kind,
    dbInstanceIdentifier: onShared ? onShared.identifier : `fp-${input.slug}`,
    instanceClass,
    storageGb: input.database.storageGb,
    multiAz: tier.requiresMultiAz,
    backupRetentionDays: Math.max(1, tier.minBackupRetentionDays),
    deletionProtection: tier.requiresDeletionProtection,
    appInstanceType: input.appInstanceType,
    ami: config().appAmi,
  };
  const create = async (tx: Prisma.TransactionClient) =>
    tx.chain.create({
      data: {
        slug: input.slug,
        name: input.name,
        region: input.region,
        residency: input.residency,
        awsAccountId: accountId,
        healthCheckId: `hc-${input.slug}`,
        tierId: tier.id,
        accountManagerId: manager?.id,
        deployment: {
          create: {
            databaseKind: kind,
            dbInstanceIdentifier: spec.dbInstanceIdentifier,
            sharedDbInstanceId: onShared?.id,
            databaseName,
          },
        },
        contract: {
          create: {
            tierId: tier.id,
            startDate: new Date(`${input.contract.startDate}T00:00:00Z`),
            endDate: new Date(`${input.contract.endDate}T00:00:00Z`),
            monthlyPrice: input.contract.monthlyPrice,
            currency: input.contract.currency,
            marginTargetPct: input.contract.marginTargetPct,
            creditSchedule: tier.creditSchedule ?? [],
          },
        },
      },
      select: { id: true },
    });
  return {
    issues,
    plan: {
      spec,
      create,
      chain: {
        id: '',
        slug: input.slug,
        region: input.region,
        awsAccountId: accountId,
        // Provisioned chains live in our account: no role to assume.
        roleArn: null,
        deployment: {
          databaseKind: kind,
          dbInstanceIdentifier: spec.dbInstanceIdentifier,
          databaseName,
          appInstanceId: null,
          allocatedStorageGb: null,
        },
      },
    },
  };
}

type SharedPick = { ok: true; id: string; identifier: string } | { ok: false; problem: string };

/** The shared instance a new chain goes on: the one asked for, or the emptiest with room in its account and region. */
async function pickSharedInstance(accountId: string, region: string, asked: string | undefined): Promise<SharedPick> {
  const rows = await db.sharedDbInstance.findMany({
    where: { awsAccountId: accountId, region, ...(asked ? { dbInstanceIdentifier: asked } : {}) },
    select: {
      id: true,
      dbInstanceIdentifier: true,
      _count: { select: { deployments: { where: { chain: { decommissionedAt: null } } } } },
    },
    orderBy: { dbInstanceIdentifier: 'asc' },
  });
  if (!rows.length)
    return {
      ok: false,
      problem: asked
        ? `no shared instance ${asked} in ${region}`
        : `no shared instance in ${region}: provision a dedicated database`,
    };
  const roomy = rows
    .filter((r) => r._count.deployments < SHARED_INSTANCE_CAPACITY)
    .sort((a, b) => a._count.deployments - b._count.deployments)[0];
  if (!roomy)
    return {
      ok: false,
      problem: `${asked ?? `every shared instance in ${region}`} holds ${SHARED_INSTANCE_CAPACITY} chains already: provision a dedicated database`,
    };
  return { ok: true, id: roomy.id, identifier: roomy.dbInstanceIdentifier };
}
