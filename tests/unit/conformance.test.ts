import { describe, expect, it } from 'vitest';
import { classRank, evaluateConformance } from '@/lib/sla/conformance';
import type { ConformanceInput } from '@/lib/sla/conformance';

const now = new Date('2026-11-23T12:00:00Z');
const enterprise: ConformanceInput['tier'] = {
  name: 'Enterprise',
  requiresMultiAz: true,
  minBackupRetentionDays: 14,
  requiresEncryption: true,
  requiresDeletionProtection: true,
  requiresDedicatedDatabase: true,
  minInstanceClass: 'db.m6g.large',
  allowedRegions: [],
};
const starter: ConformanceInput['tier'] = {
  ...enterprise,
  name: 'Starter',
  requiresMultiAz: false,
  minBackupRetentionDays: 1,
  requiresDeletionProtection: false,
  requiresDedicatedDatabase: false,
  minInstanceClass: null,
};
const good: NonNullable<ConformanceInput['deployment']> = {
  databaseKind: 'dedicated',
  dbClass: 'db.m6g.large',
  multiAz: true,
  backupRetentionDays: 14,
  storageEncrypted: true,
  deletionProtection: true,
  latestSnapshotAt: new Date('2026-11-23T03:00:00Z'),
  refreshedAt: now,
};
const input = (over: Partial<ConformanceInput> = {}): ConformanceInput => ({
  chain: { region: 'eu-west-1', residency: 'EU' },
  tier: enterprise,
  upgrades: [],
  deployment: good,
  now,
  ...over,
});
const rules = (i: ConformanceInput) => evaluateConformance(i).map((f) => `${f.rule}:${f.direction}`);

describe('evaluateConformance', () => {
  it('finds nothing when the deployment keeps every promise', () => {
    expect(evaluateConformance(input())).toEqual([]);
  });
  it('flags an Enterprise chain that lost Multi-AZ as under, with the fix', () => {
    const [f] = evaluateConformance(input({ deployment: { ...good, multiAz: false } }));
    expect(f).toMatchObject({ rule: 'multi-az', direction: 'under', deployed: 'single AZ', fix: 'enable-multi-az' });
  });
  it('flags a Starter chain on a dedicated Multi-AZ database as over (margin leak)', () => {
    expect(rules(input({ tier: starter }))).toEqual(['multi-az:over', 'database-kind:over']);
  });
  it('does not call Multi-AZ a leak when the contract pays for it', () => {
    expect(rules(input({ tier: starter, upgrades: ['multi-az'] }))).toEqual(['database-kind:over']);
  });
  it('flags retention, encryption, deletion protection, class and backup age', () => {
    const d = {
      ...good,
      backupRetentionDays: 0,
      storageEncrypted: false,
      deletionProtection: false,
      dbClass: 'db.t4g.large',
      latestSnapshotAt: null,
    };
    expect(rules(input({ deployment: d }))).toEqual([
      'backup-retention:under',
      'encryption:under',
      'deletion-protection:under',
      'instance-class:under',
      'backup-age:under',
    ]);
  });
  it('holds a backup to 26 hours, exactly', () => {
    const at26 = new Date(now.getTime() - 26 * 3_600_000);
    expect(rules(input({ deployment: { ...good, latestSnapshotAt: at26 } }))).toEqual([]);
    expect(rules(input({ deployment: { ...good, latestSnapshotAt: new Date(at26.getTime() - 1) } }))).toEqual([
      'backup-age:under',
    ]);
  });
  it('holds the residency rule and the tier regions even before the first read', () => {
    expect(rules(input({ chain: { region: 'us-east-1', residency: 'EU' }, deployment: null }))).toEqual([
      'residency:under',
    ]);
    expect(
      rules(
        input({
          tier: { ...enterprise, allowedRegions: ['eu-west-1'] },
          chain: { region: 'eu-central-1', residency: null },
        }),
      ),
    ).toEqual(['allowed-region:under']);
    expect(rules(input({ chain: { region: 'eu-west-1', residency: 'MARS' } }))).toEqual(['residency:under']);
  });
  it('judges nothing about a deployment never read', () => {
    expect(rules(input({ deployment: { ...good, multiAz: false, refreshedAt: null } }))).toEqual([]);
  });
  it('asks a shared-database chain on a tier that needs dedicated to move', () => {
    expect(
      evaluateConformance(input({ deployment: { ...good, databaseKind: 'shared', multiAz: false } })).map((f) => f.fix),
    ).toEqual(['move-to-dedicated', 'move-to-dedicated']);
  });
});

describe('classRank', () => {
  it('orders by size, burstable below fixed at the same size', () => {
    expect(classRank('db.t4g.large')! < classRank('db.m6g.large')!).toBe(true);
    expect(classRank('db.m6g.large')! < classRank('db.t4g.xlarge')!).toBe(true);
    expect(classRank('db.r6g.2xlarge')! > classRank('db.r6g.xlarge')!).toBe(true);
    expect(classRank('cache.m6g.large')).toBeNull();
  });
});
