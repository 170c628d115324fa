import { describe, expect, it } from 'vitest';
import {
  appTypeChange,
  classChange,
  dedicatedInstanceCost,
  describeMonthlyChange,
  multiAzChange,
  storageChange,
} from '@/lib/finance/operation-cost';

// Hourly prices as the catalog gives them; 730 hours a month.
const prices = {
  rds: { 'db.t4g.medium': 0.1, 'db.m6g.large': 0.25 },
  ec2: { 't3.medium': 0.05, 'm6i.large': 0.12 },
  storageGbMonth: 0.2,
};

describe('the monthly cost change of an operation', () => {
  it('charges a new class twice with a standby', () => {
    expect(classChange(prices, 'db.t4g.medium', 'db.m6g.large', false)).toBeCloseTo(0.15 * 730, 6); // 109.50
    expect(classChange(prices, 'db.t4g.medium', 'db.m6g.large', true)).toBeCloseTo(0.15 * 2 * 730, 6); // 219.00
    expect(classChange(prices, 'db.t4g.medium', 'db.x9.huge', false)).toBeUndefined();
  });
  it('adds or removes a second instance and a second copy of the storage with Multi-AZ', () => {
    // 0.25 × 730 = 182.50 for the standby, 100 GiB × 0.20 = 20.00 for its storage.
    expect(multiAzChange(prices, 'db.m6g.large', 100, true)).toBeCloseTo(202.5, 6);
    expect(multiAzChange(prices, 'db.m6g.large', 100, false)).toBeCloseTo(-202.5, 6);
    expect(multiAzChange(prices, null, 100, true)).toBeUndefined();
  });
  it('charges grown storage per GiB, twice with a standby', () => {
    expect(storageChange(prices, 100, 150, false)).toBeCloseTo(10, 6);
    expect(storageChange(prices, 100, 150, true)).toBeCloseTo(20, 6);
    expect(storageChange({ ...prices, storageGbMonth: null }, 100, 150, false)).toBeUndefined();
  });
  it('prices a new app type and a dedicated instance from the catalog, or says it cannot', () => {
    expect(appTypeChange(prices, 't3.medium', 'm6i.large')).toBeCloseTo(0.07 * 730, 6); // 51.10
    expect(appTypeChange(prices, null, 'm6i.large')).toBeUndefined();
    expect(dedicatedInstanceCost(prices, 'db.t4g.medium', 100)).toBeCloseTo(73 + 20, 6);
    expect(dedicatedInstanceCost(prices, 'db.x9.huge', 100)).toBeUndefined();
  });
  it('says it in words, with a true minus sign, or why it is unknown', () => {
    expect(describeMonthlyChange(109.5)).toBe('+109.50 USD a month (catalog prices)');
    expect(describeMonthlyChange(-202.5)).toBe('\u2212202.50 USD a month (catalog prices)');
    expect(describeMonthlyChange(undefined)).toBe('unknown: the price catalog has no price for this class or type');
    expect(describeMonthlyChange(Number.NaN)).toContain('unknown');
  });
});
