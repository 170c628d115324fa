import { describe, expect, it } from 'vitest';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';

describe('demo fleet', () => {
  const fleet = buildDemoFleet();

  it('spans at least 12 chains, 3 regions, every tier', () => {
    expect(fleet.chains.length).toBeGreaterThanOrEqual(12);
    expect(new Set(fleet.chains.map((c) => c.region)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(fleet.chains.map((c) => c.tier))).toEqual(new Set(['starter', 'standard', 'enterprise']));
    expect(fleet.chains.some((c) => c.region === 'sa-east-1')).toBe(true);
    expect(fleet.chains.some((c) => c.residency === 'EU' && c.region.startsWith('eu-'))).toBe(true);
  });

  it('shares RDS instances between small chains and puts one chain in its own account', () => {
    const shared = fleet.chains.filter((c) => c.database.kind === 'shared');
    expect(shared.length).toBeGreaterThanOrEqual(2);
    expect(new Set(shared.map((c) => c.database.identifier)).size).toBeLessThan(shared.length);
    expect(fleet.chains.some((c) => c.roleArn)).toBe(true);
  });

  it('carries the deliberate imperfections', () => {
    const lostMultiAz = fleet.chains.filter(
      (c) => c.tier === 'enterprise' && c.database.kind === 'dedicated' && !c.database.multiAz,
    );
    expect(lostMultiAz.map((c) => c.slug)).toEqual(['pizza-piazza']);
    expect(fleet.chains.some((c) => c.database.kind === 'dedicated' && c.database.backupRetentionDays === 0)).toBe(
      true,
    );
    expect(fleet.chains.some((c) => c.incident && c.incident.startedMinutesAgo < 7 * 24 * 60)).toBe(true);
  });

  it('scales to any size with unique slugs and instance identifiers', () => {
    const big = buildDemoFleet(1000);
    expect(big.chains).toHaveLength(1000);
    expect(new Set(big.chains.map((c) => c.slug)).size).toBe(1000);
    const dedicated = big.chains.filter((c) => c.database.kind === 'dedicated').map((c) => c.database.identifier);
    expect(new Set(dedicated).size).toBe(dedicated.length);
    for (const s of big.sharedInstances) {
      expect(big.chains.filter((c) => c.database.identifier === s.identifier).length).toBeLessThanOrEqual(20);
    }
  });
});
