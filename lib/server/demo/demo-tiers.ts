// The demo's SLA tiers: what each promises and costs, from a cheap shared Starter to a Multi-AZ Enterprise.

export type TierKey = 'starter' | 'standard' | 'enterprise';

export type DemoTier = {
  key: TierKey;
  name: string;
  availabilityTarget: string;
  requiresMultiAz: boolean;
  minBackupRetentionDays: number;
  requiresDeletionProtection: boolean;
  requiresDedicatedDatabase: boolean;
  minInstanceClass: string | null;
  monthlyPrice: string;
};

export const demoTiers: DemoTier[] = [
  {
    key: 'starter',
    name: 'Starter',
    availabilityTarget: '99.500',
    requiresMultiAz: false,
    minBackupRetentionDays: 1,
    requiresDeletionProtection: false,
    requiresDedicatedDatabase: false,
    minInstanceClass: null,
    monthlyPrice: '490.00',
  },
  {
    key: 'standard',
    name: 'Standard',
    availabilityTarget: '99.900',
    requiresMultiAz: false,
    minBackupRetentionDays: 7,
    requiresDeletionProtection: true,
    requiresDedicatedDatabase: true,
    minInstanceClass: 'db.t4g.medium',
    monthlyPrice: '1490.00',
  },
  {
    key: 'enterprise',
    name: 'Enterprise',
    availabilityTarget: '99.950',
    requiresMultiAz: true,
    minBackupRetentionDays: 14,
    requiresDeletionProtection: true,
    requiresDedicatedDatabase: true,
    minInstanceClass: 'db.m6g.large',
    monthlyPrice: '4900.00',
  },
];
