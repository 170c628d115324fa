import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { config } from '@/lib/config';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { provisionSchema } from '@/lib/operations/provision-schema';
import { evaluateConformance } from '@/lib/sla/conformance';
import type { RequestOperationResult } from './record-operation';
import { wakeOperationRunner } from './operation-runner';

export type ProvisionSpec = {
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
 * template: a dedicated RDS instance and an app instance, tagged for cost allocation, then a health check.
 * A failed step rolls back what the earlier ones made. The caller is already authorized.
 */
export async function provisionChain(user: { id: string; email: string }, body: unknown, idempotencyKey: string | null, ip: string | null = null): Promise<RequestOperationResult> {
  const key = idempotencyKey?.trim() ?? '';
  const issues: string[] = [];
  if (!/^[A-Za-z0-9._:-]{8,128}$/.test(key)) issues.push('Idempotency-Key header: 8 to 128 letters, digits or . _ : - (a UUID will do)');
  const parsed = provisionSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: 'Invalid request', issues: [...issues, ...parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)] };
  const input = parsed.data;
  const scopedKey = `${user.id}:${key}`;
  const existing = await db.operation.findUnique({ where: { idempotencyKey: scopedKey }, select: { id: true, status: true, type: true, chain: { select: { slug: true } } } });
  if (existing) {
    return existing.type === 'provision' && existing.chain.slug === input.slug
      ? { ok: true, created: false, operation: { id: existing.id, status: existing.status } }
      : { ok: false, status: 409, message: 'This Idempotency-Key was used for a different request.' };
  }
  const tier = await db.slaTier.findUnique({ where: { key: input.tier }, select: { id: true, name: true, requiresMultiAz: true, minBackupRetentionDays: true, requiresEncryption: true, requiresDeletionProtection: true, requiresDedicatedDatabase: true, minInstanceClass: true, allowedRegions: true, creditSchedule: true } });
  if (!tier) issues.push(`tier: no tier "${input.tier}"`);
  if (await db.chain.findUnique({ where: { slug: input.slug }, select: { id: true } })) issues.push(`slug: "${input.slug}" is taken`);
  const manager = input.accountManagerEmail ? await db.user.findFirst({ where: { email: input.accountManagerEmail, active: true, role: { in: ['account_manager', 'admin'] } }, select: { id: true } }) : null;
  if (input.accountManagerEmail && !manager) issues.push('accountManagerEmail: no active account manager with that email');
  const instanceClass = input.database.instanceClass ?? tier?.minInstanceClass ?? 'db.t4g.medium';
  if (tier) {
    // The chain is born conforming: the same rules the conformance view holds it to.
    const findings = evaluateConformance({
      chain: { region: input.region, residency: input.residency },
      tier,
      upgrades: [],
      deployment: { databaseKind: 'dedicated', dbClass: instanceClass, multiAz: tier.requiresMultiAz, backupRetentionDays: Math.max(1, tier.minBackupRetentionDays), storageEncrypted: true, deletionProtection: tier.requiresDeletionProtection, latestSnapshotAt: new Date(), refreshedAt: new Date() },
      now: new Date(),
    }).filter((f) => f.direction === 'under');
    issues.push(...findings.map((f) => `${f.rule}: ${f.title} (promised ${f.promised}, asked ${f.deployed})`));
  }
  if (issues.length || !tier) return { ok: false, status: 400, message: `Invalid request: ${issues.join('; ')}`, issues };

  const spec: ProvisionSpec = {
    dbInstanceIdentifier: `fp-${input.slug}`,
    instanceClass,
    storageGb: input.database.storageGb,
    multiAz: tier.requiresMultiAz,
    backupRetentionDays: Math.max(1, tier.minBackupRetentionDays),
    deletionProtection: tier.requiresDeletionProtection,
    appInstanceType: input.appInstanceType,
    ami: config().appAmi,
  };
  const accountId = config().awsAccountId;
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
          deployment: { create: { databaseKind: 'dedicated', dbInstanceIdentifier: spec.dbInstanceIdentifier, databaseName: input.slug.replace(/-/g, '_') } },
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
      const instanceKey = `${accountId}/${input.region}/rds/${spec.dbInstanceIdentifier}`;
      const created = await tx.operation.create({ data: { chainId: chain.id, type: 'provision', params: spec, idempotencyKey: scopedKey, instanceKey, requestedById: user.id }, select: { id: true, status: true } });
      await tx.instanceLock.create({ data: { instanceKey, operationId: created.id } });
      return { ...created, chainId: chain.id };
    });
    await recordAuditEvent({ actor: user, action: 'operation.requested:provision', result: 'ok', chainId: op.chainId, target: input.slug, ip, detail: { operationId: op.id, spec, contract: input.contract } });
    wakeOperationRunner();
    return { ok: true, created: true, operation: { id: op.id, status: op.status } };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, status: 409, message: `"${input.slug}" is being provisioned already, or the key was reused.` };
    throw error;
  }
}
