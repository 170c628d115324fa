// Conformance: every rule of a chain's tier and contract held against the deployment the collector read.
// Pure: the collector stores "since when", pages and the API call this on the current state.
import type { OperationType } from '@/lib/operations/operation-types';
import type { UpgradeKey } from './sla-terms';

export const conformanceRules = [
  'multi-az',
  'backup-retention',
  'encryption',
  'deletion-protection',
  'residency',
  'allowed-region',
  'database-kind',
  'instance-class',
  'backup-age',
] as const;
export type ConformanceRule = (typeof conformanceRules)[number];

/** Operations that bring a chain back in line. */
// Every fix is an operation an engineer can run from the chain's page.
export const fixOperations = [
  'enable-multi-az',
  'disable-multi-az',
  'backup',
  'scale-database',
  'move-to-dedicated',
] as const satisfies readonly OperationType[];
export type FixOperation = (typeof fixOperations)[number];

export type Finding = {
  rule: ConformanceRule;
  /** under: SLA or compliance risk. over: more than the chain pays for (margin leak). */
  direction: 'under' | 'over';
  title: string;
  promised: string;
  deployed: string;
  fix: FixOperation | null;
};

export type ConformanceInput = {
  chain: { region: string; residency: string | null };
  tier: {
    name: string;
    requiresMultiAz: boolean;
    minBackupRetentionDays: number;
    requiresEncryption: boolean;
    requiresDeletionProtection: boolean;
    requiresDedicatedDatabase: boolean;
    minInstanceClass: string | null;
    allowedRegions: string[];
  };
  upgrades: UpgradeKey[];
  deployment: {
    databaseKind: 'dedicated' | 'shared';
    dbClass: string | null;
    multiAz: boolean | null;
    backupRetentionDays: number | null;
    storageEncrypted: boolean | null;
    deletionProtection: boolean | null;
    latestSnapshotAt: Date | null;
    /** Null until the collector has read the deployment once: nothing is judged before that. */
    refreshedAt: Date | null;
  } | null;
  now: Date;
};

// Automated backups run daily; a little slack for the backup window before it counts as late.
const MAX_BACKUP_AGE_HOURS = 26;

// Region prefixes each residency rule allows. A chain whose rule is not listed here gets a finding
// asking for the rule to be defined, rather than silently passing.
const residencyRegions: Record<string, string[]> = {
  EU: ['eu-'],
  US: ['us-'],
  CA: ['ca-'],
  UK: ['eu-west-2'],
  AU: ['ap-southeast-2', 'ap-southeast-4'],
  JP: ['ap-northeast-1', 'ap-northeast-3'],
  BR: ['sa-east-1'],
};

const sizes = [
  'micro',
  'small',
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
  '32xlarge',
];

/**
 * Orders RDS classes: by size first, then a burstable (t) family below a fixed-performance one of the
 * same size. Null when the class does not read as db.<family>.<size>.
 */
export function classRank(instanceClass: string): number | null {
  const m = /^db\.([a-z0-9-]+)\.([a-z0-9]+)$/.exec(instanceClass);
  if (!m) return null;
  const size = sizes.indexOf(m[2]!);
  if (size < 0) return null;
  return size * 2 + (m[1]!.startsWith('t') ? 0 : 1);
}

const yesNo = (b: boolean) => (b ? 'on' : 'off');

function hoursAgo(at: Date, now: Date): string {
  const h = Math.floor((now.getTime() - at.getTime()) / 3_600_000);
  return h < 48 ? `${h} h ago` : `${Math.floor(h / 24)} days ago`;
}

export function evaluateConformance(input: ConformanceInput): Finding[] {
  const { chain, tier, deployment: d, now } = input;
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);
  const promisedBy = (what: string, upgrade?: UpgradeKey) =>
    upgrade && input.upgrades.includes(upgrade) ? `${what} (contract upgrade)` : `${what} (${tier.name} tier)`;

  // Region rules hold whether or not the deployment was read: they are about where the chain lives.
  if (chain.residency) {
    const allowed = residencyRegions[chain.residency];
    if (!allowed)
      add({
        rule: 'residency',
        direction: 'under',
        title: 'Unknown residency rule',
        promised: `data stays in ${chain.residency}`,
        deployed: `${chain.region} (no region list for ${chain.residency})`,
        fix: null,
      });
    else if (!allowed.some((p) => chain.region.startsWith(p)))
      add({
        rule: 'residency',
        direction: 'under',
        title: 'Outside its residency',
        promised: `data stays in ${chain.residency}`,
        deployed: chain.region,
        fix: null,
      });
  }
  if (tier.allowedRegions.length > 0 && !tier.allowedRegions.includes(chain.region)) {
    add({
      rule: 'allowed-region',
      direction: 'under',
      title: 'Region not allowed by the tier',
      promised: tier.allowedRegions.join(', '),
      deployed: chain.region,
      fix: null,
    });
  }
  if (!d || !d.refreshedAt) return findings;

  const multiAzPromised = tier.requiresMultiAz || input.upgrades.includes('multi-az');
  if (d.multiAz !== null) {
    if (multiAzPromised && !d.multiAz)
      add({
        rule: 'multi-az',
        direction: 'under',
        title: 'Multi-AZ missing',
        promised: promisedBy('Multi-AZ', 'multi-az'),
        deployed: 'single AZ',
        fix: d.databaseKind === 'dedicated' ? 'enable-multi-az' : 'move-to-dedicated',
      });
    // A shared instance's Multi-AZ is shared cost, not one chain's gift.
    if (!multiAzPromised && d.multiAz && d.databaseKind === 'dedicated')
      add({
        rule: 'multi-az',
        direction: 'over',
        title: 'Multi-AZ not paid for',
        promised: `single AZ (${tier.name} tier, no Multi-AZ upgrade)`,
        deployed: 'Multi-AZ',
        fix: 'disable-multi-az',
      });
  }
  if (d.backupRetentionDays !== null && d.backupRetentionDays < tier.minBackupRetentionDays) {
    add({
      rule: 'backup-retention',
      direction: 'under',
      title: 'Backups kept too briefly',
      promised: `≥ ${tier.minBackupRetentionDays} days`,
      deployed: d.backupRetentionDays === 0 ? 'automated backups off' : `${d.backupRetentionDays} days`,
      fix: null,
    });
  }
  if (tier.requiresEncryption && d.storageEncrypted === false)
    add({
      rule: 'encryption',
      direction: 'under',
      title: 'Storage not encrypted',
      promised: 'encrypted at rest',
      deployed: 'unencrypted',
      fix: null,
    });
  if (tier.requiresDeletionProtection && d.deletionProtection === false) {
    add({
      rule: 'deletion-protection',
      direction: 'under',
      title: 'Deletion protection off',
      promised: `deletion protection ${yesNo(true)}`,
      deployed: yesNo(false),
      fix: null,
    });
  }
  if (tier.requiresDedicatedDatabase && d.databaseKind === 'shared')
    add({
      rule: 'database-kind',
      direction: 'under',
      title: 'Shared database',
      promised: promisedBy('dedicated database'),
      deployed: 'shared instance',
      fix: 'move-to-dedicated',
    });
  if (!tier.requiresDedicatedDatabase && d.databaseKind === 'dedicated')
    add({
      rule: 'database-kind',
      direction: 'over',
      title: 'Dedicated database not paid for',
      promised: `shared instance allowed (${tier.name} tier)`,
      deployed: 'dedicated instance',
      fix: null,
    });
  if (tier.minInstanceClass && d.databaseKind === 'dedicated' && d.dbClass) {
    const floor = classRank(tier.minInstanceClass);
    const have = classRank(d.dbClass);
    if (floor !== null && have !== null && have < floor)
      add({
        rule: 'instance-class',
        direction: 'under',
        title: 'Instance class below the floor',
        promised: `≥ ${tier.minInstanceClass}`,
        deployed: d.dbClass,
        fix: 'scale-database',
      });
  }
  if (tier.minBackupRetentionDays > 0) {
    const maxAgeMs = MAX_BACKUP_AGE_HOURS * 3_600_000;
    if (!d.latestSnapshotAt)
      add({
        rule: 'backup-age',
        direction: 'under',
        title: 'No usable backup',
        promised: `a backup within ${MAX_BACKUP_AGE_HOURS} h`,
        deployed: 'none',
        fix: 'backup',
      });
    else if (now.getTime() - d.latestSnapshotAt.getTime() > maxAgeMs)
      add({
        rule: 'backup-age',
        direction: 'under',
        title: 'Last backup too old',
        promised: `a backup within ${MAX_BACKUP_AGE_HOURS} h`,
        deployed: hoursAgo(d.latestSnapshotAt, now),
        fix: 'backup',
      });
  }
  return findings;
}
