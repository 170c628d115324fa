import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { config } from '@/lib/config';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { dedicatedClassFor } from '@/lib/operations/operation-types';
import { provisionSchema } from '@/lib/operations/provision-schema';
import { evaluateConformance } from '@/lib/sla/conformance';
import { reservedDatabaseName } from './engine-sql';
import { chainDatabaseName } from '@/lib/chain-slug';
import type { RequestOperationResult } from './record-operation';
import { wakeOperationRunner } from './operation-runner';

/** Chains one shared instance takes at most: their connection caps add up to what the instance allows. */
export const SHARED_INSTANCE_CAPACITY = 20;

export type ProvisionSpec = {
  /** Missing in operations recorded before shared provisioning existed: dedicated. */
  databaseKind?: 'dedicated' | 'shared';
  /** Dedicated: the chain's new instance. Shared: the shared instance its database goes into. */
  dbInstanceIdentifier: string;
  instanceClass: string;
  storageGb: number;
  multiAz: boolean;
  backupRetentionDays: number;
  deletionProtection: boolean;
  appInstanceType: string;
  ami: string;
};

/**
 * Registers a new chain (tier, contract, account manager) and queues its provisioning from the tier's
 * template: a dedicated RDS instance, or its own database and login in a shared instance of its region
 * (where the tier allows it), and an app instance, tagged for cost allocation, then a health check.
 * A failed step rolls back what the earlier ones made. The caller is already authorized.
 */
export async function provisionChain(
  user: { id: string; email: string },
  body: unknown,
  idempotencyKey: string | null,
  ip: string | null = null,
): Promise<RequestOperationResult> {
  const key = idempotencyKey?.trim() ?? '';
  const issues: string[] = [];
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(key))
    issues.push('Idempotency-Key header: 8 to 128 letters, digits or . _ : - (a UUID will do)');
  const parsed = provisionSchema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      message: 'Invalid request',
      issues: [...issues, ...parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)],
    };
  const input = parsed.data;
  const scopedKey = `${user.id}:${key}`;
  const existing = await db.operation.findUnique({
    where: { idempotencyKey: scopedKey },
    select: { id: true, status: true, type: true, chain: { select: { slug: true } } },
  });
  if (existing) {
    return existing.type === 'provision' && existing.chain.slug === input.slug
      ? { ok: true, created: false, operation: { id: existing.id, status: existing.status } }
      : { ok: false, status: 409, message: 'This Idempotency-Key was used for a different request.' };
  }
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
  if (issues.length || !tier)
    return { ok: false, status: 400, message: `Invalid request: ${issues.join('; ')}`, issues };

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
  try {
    const op = await db.$transaction(async (tx) => {
      const chain = await tx.chain.create({
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
      // On a shared instance the operation changes one database in it, not the instance.
      const instanceKey = `${accountId}/${input.region}/rds/${spec.dbInstanceIdentifier}${onShared ? `/${databaseName}` : ''}`;
      const created = await tx.operation.create({
        data: {
          chainId: chain.id,
          type: 'provision',
          params: spec,
          idempotencyKey: scopedKey,
          instanceKey,
          requestedById: user.id,
        },
        select: { id: true, status: true },
      });
      await tx.instanceLock.create({ data: { instanceKey, operationId: created.id } });
      return { ...created, chainId: chain.id };
    });
    await recordAuditEvent({
      actor: user,
      action: 'operation.requested:provision',
      result: 'ok',
      chainId: op.chainId,
      target: input.slug,
      ip,
      detail: { operationId: op.id, spec, contract: input.contract },
    });
    wakeOperationRunner();
    return { ok: true, created: true, operation: { id: op.id, status: op.status } };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      return {
        ok: false,
        status: 409,
        message: `"${input.slug}" is being provisioned already, or the key was reused.`,
      };
    throw error;
  }
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
