// The tags Fleetpane puts on what it makes and reads back: one list, so a name is never spelled twice.
// The chain tag is also the cost-allocation tag Cost Explorer groups by.

export const TAG = {
  chain: 'fleetpane:chain',
  tier: 'fleetpane:tier',
  managed: 'fleetpane:managed',
  shared: 'fleetpane:shared',
  replacedBy: 'fleetpane:replaced-by',
  restoredFrom: 'fleetpane:restored-from',
  // A restore drill's temporary instance (deleted by the drill): never a chain's database.
  drill: 'fleetpane:drill',
} as const;

export const CHAIN_TAG = TAG.chain;

export type AwsTag = { Key: string; Value: string };

/** What every resource made for one chain carries: its chain, and that Fleetpane manages it. */
export const chainTags = (slug: string, tier?: string): AwsTag[] => [
  { Key: TAG.chain, Value: slug },
  ...(tier ? [{ Key: TAG.tier, Value: tier }] : []),
  { Key: TAG.managed, Value: 'true' },
];
