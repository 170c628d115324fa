// The demo fleet: a believable set of restaurant chains with the deliberate imperfections that each pane
// must surface. Pure data, deterministic for a given size, so the database and the emulator agree.
// The chains are in demo-chains.ts, the tiers in demo-tiers.ts, the users in demo-users.ts.
import { dedicated, handPickedChains, OUR_ACCOUNT } from './demo-chains';
import type { DemoChain } from './demo-chains';
import type { TierKey } from './demo-tiers';

export type DemoSharedInstance = { identifier: string; region: string; accountId: string; instanceClass: string };

export type DemoFleet = { chains: DemoChain[]; sharedInstances: DemoSharedInstance[] };

const extraRegions = ['us-east-1', 'eu-west-1', 'sa-east-1', 'ap-southeast-2', 'eu-central-1', 'us-west-2'];
const CHAINS_PER_SHARED_INSTANCE = 20;

/** Builds a fleet of `size` chains (at least the hand-picked demo chains, then generated ones). */
export function buildDemoFleet(size = handPickedChains.length): DemoFleet {
  const chains = handPickedChains.slice(0, Math.max(0, size));
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
