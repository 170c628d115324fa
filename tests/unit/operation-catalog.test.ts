import { describe, expect, it } from 'vitest';
import { operationCatalog } from '@/lib/operations/catalog';
import type { OperationFacts } from '@/lib/operations/operation-facts';
import { operationRequestSchema, operationTypes, waveTypes } from '@/lib/operations/operation-types';

// The catalog is the one source of what each type is: these are the rules the chain page, the fleet-action
// form and the server read from it.

const facts: OperationFacts = {
  slug: 'burger-barn',
  dedicated: true,
  multiAz: false,
  dbClass: 'db.m6g.large',
  storageGb: 100,
  appType: 't3.medium',
  snapshots: ['snap-2', 'snap-1'],
  kept: [],
  prices: { rds: {}, ec2: {}, storageGbMonth: null },
};

describe('the operation catalog', () => {
  it('keeps shared-instance chains to what touches only their own database and app', () => {
    const onShared = operationTypes.filter((t) => operationCatalog[t].database !== 'dedicated');
    expect(onShared).toEqual(['scale-app', 'move-to-dedicated', 'decommission']);
  });
  it('runs in waves only what is safe to repeat over a fleet', () => {
    expect(waveTypes).toEqual([
      'backup',
      'scale-database',
      'grow-storage',
      'enable-multi-az',
      'disable-multi-az',
      'reboot',
      'scale-app',
    ]);
  });
  it('asks a second person only for a decommission, and never takes provisioning as a request', () => {
    expect(operationTypes.filter((t) => operationCatalog[t].needsApproval)).toEqual(['decommission']);
    expect(operationRequestSchema.safeParse({ type: 'provision' }).success).toBe(false);
  });
  it("fills each dialog from the chain's facts and sends what the API's schema accepts", () => {
    for (const t of operationTypes) {
      const dialog = operationCatalog[t].dialog;
      if (!dialog) continue;
      const body = dialog.body(dialog.defaults?.(facts) ?? {}, facts.slug);
      expect(operationCatalog[t].params.safeParse(body).success, t).toBe(t !== 'retire-instance'); // no kept instance here
    }
    expect(operationCatalog['grow-storage'].dialog?.defaults?.(facts)).toEqual({ allocatedStorageGb: '150' });
    expect(operationCatalog.restore.dialog?.defaults?.(facts)).toEqual({ snapshotId: 'snap-2' });
  });
});
