import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { evaluateConformance } from '@/lib/sla/conformance';
import type { ConformanceDto, FindingDto } from '@/lib/sla/dto';
import { readUpgrades } from '@/lib/sla/sla-terms';

const conformanceSelect = {
  id: true,
  region: true,
  residency: true,
  tier: {
    select: {
      name: true,
      requiresMultiAz: true,
      minBackupRetentionDays: true,
      requiresEncryption: true,
      requiresDeletionProtection: true,
      requiresDedicatedDatabase: true,
      minInstanceClass: true,
      allowedRegions: true,
    },
  },
  contract: { select: { upgrades: true } },
  deployment: {
    select: {
      databaseKind: true,
      dbClass: true,
      multiAz: true,
      backupRetentionDays: true,
      storageEncrypted: true,
      deletionProtection: true,
      latestSnapshotAt: true,
      refreshedAt: true,
    },
  },
  findings: { select: { rule: true, firstSeenAt: true } },
} satisfies Prisma.ChainSelect;

type ConformanceRow = Prisma.ChainGetPayload<{ select: typeof conformanceSelect }>;

function evaluate(row: ConformanceRow, now: Date): FindingDto[] {
  const since = new Map(row.findings.map((f) => [f.rule, f.firstSeenAt.toISOString()]));
  const findings = evaluateConformance({
    chain: { region: row.region, residency: row.residency },
    tier: row.tier,
    upgrades: readUpgrades(row.contract?.upgrades).map((u) => u.key),
    deployment: row.deployment,
    now,
  });
  return findings.map((f) => ({ ...f, since: since.get(f.rule) ?? null }));
}

/** Conformance of the given chains (by id) as of now: live from the stored state, with "since when". */
export async function findConformance(
  chainIds: string[] | 'all',
  now = new Date(),
): Promise<Map<string, ConformanceDto>> {
  const rows = await db.chain.findMany({
    where: { decommissionedAt: null, ...(chainIds === 'all' ? {} : { id: { in: chainIds } }) },
    select: conformanceSelect,
  });
  return new Map(
    rows.map((r) => {
      // A deployment never read has no facts: it neither conforms nor breaks a rule yet.
      const read = !!r.deployment?.refreshedAt;
      const findings = read ? evaluate(r, now) : [];
      return [r.id, { ok: read && findings.length === 0, read, findings }];
    }),
  );
}

/**
 * Records which findings exist now: new ones get their first-seen time, gone ones are forgotten (a finding
 * that comes back starts a new "since"). Run after each collector pass and after a tier or contract edit.
 */
export async function syncConformance(options: { chainIds?: string[]; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const current = await findConformance(options.chainIds ?? 'all', now);
  const keep = [...current.entries()].flatMap(([chainId, c]) => c.findings.map((f) => ({ chainId, f })));
  const scope = options.chainIds ? { chainId: { in: options.chainIds } } : {};
  await db.$transaction([
    db.conformanceFinding.deleteMany({
      where: {
        ...scope,
        NOT: keep.length ? { OR: keep.map(({ chainId, f }) => ({ chainId, rule: f.rule })) } : { chainId: { in: [] } },
      },
    }),
    db.conformanceFinding.createMany({
      data: keep.map(({ chainId, f }) => ({
        chainId,
        rule: f.rule,
        direction: f.direction,
        promised: f.promised,
        deployed: f.deployed,
        firstSeenAt: now,
        lastSeenAt: now,
      })),
      skipDuplicates: true,
    }),
    db.conformanceFinding.updateMany({ where: scope, data: { lastSeenAt: now } }),
  ]);
  return keep.length;
}

/** Open findings over the whole fleet (the fleet page's tile). */
export async function countOpenFindings(): Promise<number> {
  return db.conformanceFinding.count({ where: { chain: { decommissionedAt: null } } });
}
