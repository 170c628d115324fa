// The demo fleet: a believable set of restaurant chains with the deliberate imperfections that each pane
// must surface. Pure data, deterministic for a given size, so the database and the emulator agree.

export const OUR_ACCOUNT = '123456789012';
export const OWN_ACCOUNT = '210987654321';
export const OWN_ACCOUNT_ROLE = `arn:aws:iam::${OWN_ACCOUNT}:role/fleetpane-access`;
// A second chain-owned account. The browser tests deny access to it to show containment.
export const SECOND_OWN_ACCOUNT = '333333333333';

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

export type DemoChain = {
  slug: string;
  name: string;
  region: string;
  residency: string | null;
  tier: TierKey;
  accountId: string;
  roleArn: string | null;
  accountManager: 'am' | 'am2';
  database:
    | {
        kind: 'dedicated';
        identifier: string;
        instanceClass: string;
        multiAz: boolean;
        backupRetentionDays: number;
        deletionProtection: boolean;
        storageGb: number;
      }
    | { kind: 'shared'; identifier: string };
  appInstanceType: string;
  /** Minutes ago an outage started and how long it lasted (the health signal reads 0 meanwhile). */
  incident?: { startedMinutesAgo: number; minutes: number };
  /** The health signal now reads partly unhealthy. */
  degradedNow?: boolean;
  /** Contract upgrades beyond the tier, with their monthly prices. */
  upgrades?: { key: 'multi-az' | 'extra-storage' | 'performance-tuning'; monthlyPrice: string; quantity?: number }[];
};

export type DemoSharedInstance = { identifier: string; region: string; accountId: string; instanceClass: string };

export type DemoFleet = { chains: DemoChain[]; sharedInstances: DemoSharedInstance[] };

function dedicated(
  slug: string,
  instanceClass: string,
  multiAz: boolean,
  backupRetentionDays: number,
  deletionProtection: boolean,
  storageGb = 100,
) {
  return {
    kind: 'dedicated' as const,
    identifier: `fp-${slug}`,
    instanceClass,
    multiAz,
    backupRetentionDays,
    deletionProtection,
    storageGb,
  };
}

const handPicked: DemoChain[] = [
  {
    slug: 'burger-barn',
    name: 'Burger Barn',
    region: 'us-east-1',
    residency: null,
    tier: 'enterprise',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: dedicated('burger-barn', 'db.m6g.large', true, 14, true, 500),
    appInstanceType: 'm6i.large',
    upgrades: [
      { key: 'performance-tuning', monthlyPrice: '350.00' },
      { key: 'extra-storage', monthlyPrice: '92.00', quantity: 400 },
    ],
  },
  {
    slug: 'le-petit-bistro',
    name: 'Le Petit Bistro',
    region: 'eu-west-1',
    residency: 'EU',
    tier: 'enterprise',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: dedicated('le-petit-bistro', 'db.m6g.large', true, 14, true, 300),
    appInstanceType: 'm6i.large',
  },
  // Imperfection: an Enterprise chain that lost Multi-AZ.
  {
    slug: 'pizza-piazza',
    name: 'Pizza Piazza',
    region: 'eu-central-1',
    residency: 'EU',
    tier: 'enterprise',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am2',
    database: dedicated('pizza-piazza', 'db.m6g.large', false, 14, true, 400),
    appInstanceType: 'm6i.large',
  },
  // Lives in its own AWS account, reached by AssumeRole.
  {
    slug: 'noodle-nest',
    name: 'Noodle Nest',
    region: 'ap-southeast-2',
    residency: null,
    tier: 'enterprise',
    accountId: OWN_ACCOUNT,
    roleArn: OWN_ACCOUNT_ROLE,
    accountManager: 'am2',
    database: dedicated('noodle-nest', 'db.m6g.xlarge', true, 14, true, 800),
    appInstanceType: 'm6i.xlarge',
  },
  {
    slug: 'bao-bar',
    name: 'Bao Bar',
    region: 'ap-northeast-1',
    residency: null,
    tier: 'standard',
    accountId: SECOND_OWN_ACCOUNT,
    roleArn: `arn:aws:iam::${SECOND_OWN_ACCOUNT}:role/fleetpane-access`,
    accountManager: 'am2',
    database: dedicated('bao-bar', 'db.t4g.medium', false, 7, true),
    appInstanceType: 't3.medium',
  },
  {
    slug: 'taco-tierra',
    name: 'Taco Tierra',
    region: 'sa-east-1',
    residency: null,
    tier: 'standard',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: dedicated('taco-tierra', 'db.t4g.medium', false, 7, true),
    appInstanceType: 't3.medium',
    degradedNow: true,
  },
  {
    slug: 'sushi-wave',
    name: 'Sushi Wave',
    region: 'sa-east-1',
    residency: null,
    tier: 'standard',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am2',
    database: dedicated('sushi-wave', 'db.t4g.medium', false, 7, true),
    appInstanceType: 't3.medium',
  },
  // Imperfection: automated backups are off, so the last backup is as old as the instance allows: none.
  {
    slug: 'sunny-side-diner',
    name: 'Sunny Side Diner',
    region: 'us-east-1',
    residency: null,
    tier: 'standard',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: dedicated('sunny-side-diner', 'db.t4g.medium', false, 0, true),
    appInstanceType: 't3.medium',
  },
  // Imperfection: a 40-minute outage two days ago.
  {
    slug: 'smoky-bbq',
    name: 'Smoky BBQ',
    region: 'us-east-1',
    residency: null,
    tier: 'standard',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: dedicated('smoky-bbq', 'db.t4g.medium', false, 7, true),
    appInstanceType: 't3.medium',
    incident: { startedMinutesAgo: 2 * 24 * 60 + 180, minutes: 40 },
  },
  {
    slug: 'green-bowl',
    name: 'Green Bowl',
    region: 'eu-west-1',
    residency: 'EU',
    tier: 'standard',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am2',
    database: dedicated('green-bowl', 'db.t4g.medium', false, 7, true),
    appInstanceType: 't3.medium',
  },
  // Margin leak: a Starter chain on a dedicated Multi-AZ database.
  {
    slug: 'falafel-factory',
    name: 'Falafel Factory',
    region: 'us-east-1',
    residency: null,
    tier: 'starter',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: dedicated('falafel-factory', 'db.t4g.small', true, 1, false, 20),
    appInstanceType: 't3.small',
  },
  {
    slug: 'bagel-bros',
    name: 'Bagel Bros',
    region: 'us-east-1',
    residency: null,
    tier: 'starter',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: { kind: 'shared', identifier: 'fp-shared-us-east-1-1' },
    appInstanceType: 't3.small',
  },
  {
    slug: 'curry-house',
    name: 'Curry House',
    region: 'us-east-1',
    residency: null,
    tier: 'starter',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am2',
    database: { kind: 'shared', identifier: 'fp-shared-us-east-1-1' },
    appInstanceType: 't3.small',
  },
  {
    slug: 'waffle-works',
    name: 'Waffle Works',
    region: 'us-east-1',
    residency: null,
    tier: 'starter',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: { kind: 'shared', identifier: 'fp-shared-us-east-1-1' },
    appInstanceType: 't3.small',
    incident: { startedMinutesAgo: 9 * 24 * 60, minutes: 25 },
  },
  {
    slug: 'kebab-corner',
    name: 'Kebab Corner',
    region: 'eu-west-1',
    residency: 'EU',
    tier: 'starter',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am',
    database: { kind: 'shared', identifier: 'fp-shared-eu-west-1-1' },
    appInstanceType: 't3.small',
  },
  {
    slug: 'crepe-corner',
    name: 'Crêpe Corner',
    region: 'eu-west-1',
    residency: 'EU',
    tier: 'starter',
    accountId: OUR_ACCOUNT,
    roleArn: null,
    accountManager: 'am2',
    database: { kind: 'shared', identifier: 'fp-shared-eu-west-1-1' },
    appInstanceType: 't3.small',
  },
];

const extraRegions = ['us-east-1', 'eu-west-1', 'sa-east-1', 'ap-southeast-2', 'eu-central-1', 'us-west-2'];
const CHAINS_PER_SHARED_INSTANCE = 20;

/** Builds a fleet of `size` chains (at least the hand-picked demo chains, then generated ones). */
export function buildDemoFleet(size = handPicked.length): DemoFleet {
  const chains = handPicked.slice(0, Math.max(0, size));
  const sharedCount = new Map<string, number>();
  for (let i = chains.length; i < size; i++) {
    const n = String(i + 1).padStart(4, '0');
    const slug = `chain-${n}`;
    const region = extraRegions[i % extraRegions.length]!;
    const tier: TierKey = i % 5 === 0 ? 'enterprise' : i % 5 < 3 ? 'standard' : 'starter';
    let database: DemoChain['database'];
    if (tier === 'starter') {
      const k = sharedCount.get(region) ?? 0;
      sharedCount.set(region, k + 1);
      database = {
        kind: 'shared',
        identifier: `fp-shared-${region}-${2 + Math.floor(k / CHAINS_PER_SHARED_INSTANCE)}`,
      };
    } else {
      database = dedicated(
        slug,
        tier === 'enterprise' ? 'db.m6g.large' : 'db.t4g.medium',
        tier === 'enterprise',
        tier === 'enterprise' ? 14 : 7,
        true,
      );
    }
    chains.push({
      slug,
      name: `Chain ${n}`,
      region,
      residency: region.startsWith('eu-') ? 'EU' : null,
      tier,
      accountId: OUR_ACCOUNT,
      roleArn: null,
      accountManager: i % 2 === 0 ? 'am' : 'am2',
      database,
      appInstanceType: tier === 'enterprise' ? 'm6i.large' : 't3.medium',
    });
  }
  const shared = new Map<string, DemoSharedInstance>();
  for (const c of chains) {
    if (c.database.kind === 'shared' && !shared.has(c.database.identifier)) {
      shared.set(c.database.identifier, {
        identifier: c.database.identifier,
        region: c.region,
        accountId: c.accountId,
        instanceClass: 'db.m6g.large',
      });
    }
  }
  return { chains, sharedInstances: [...shared.values()] };
}

export const DEMO_PASSWORD = 'fleetpane-demo';

export const demoUsers = [
  { email: 'admin@fleetpane.local', name: 'Ada Admin', role: 'admin' },
  { email: 'ops@fleetpane.local', name: 'Oscar Ops', role: 'ops' },
  { email: 'am@fleetpane.local', name: 'Amelia Manager', role: 'account_manager' },
  { email: 'am2@fleetpane.local', name: 'Arjun Manager', role: 'account_manager' },
  { email: 'finance@fleetpane.local', name: 'Fiona Finance', role: 'finance' },
] as const;
