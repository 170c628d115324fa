// The demo's hand-picked restaurant chains and the AWS accounts they live in: every imperfection a pane must
// surface (a lost Multi-AZ, backups off, an outage, a margin leak, a chain-owned account) is one of them.
import type { TierKey } from './demo-tiers';

export const OUR_ACCOUNT = '123456789012';
const OWN_ACCOUNT = '210987654321';
const OWN_ACCOUNT_ROLE = `arn:aws:iam::${OWN_ACCOUNT}:role/fleetpane-access`;
// A second chain-owned account. The browser tests deny access to it to show containment.
export const SECOND_OWN_ACCOUNT = '333333333333';

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

export function dedicated(
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

/** The hand-picked demo chains, each with the imperfection a pane must surface noted above it. */
export const handPickedChains: DemoChain[] = [
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
