import { DeleteParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';
import { db } from '@/lib/server/db/client';
import { buildDemoFleet } from '@/lib/server/demo/demo-fleet';
import { seedDemoAws } from '@/lib/server/demo/seed-demo-aws';
import { seedDemoDb } from '@/lib/server/demo/seed-demo-db';
import { adoptLiveFlag as adoptLiveFlagThrowing } from '@/lib/server/flags/adopt-live-flag';
import { checkFlagDrift } from '@/lib/server/flags/check-flag-drift';
import { defineFlag } from '@/lib/server/flags/define-flag';
import { findChainFlags } from '@/lib/server/flags/find-chain-flags';
import { reapplyChainFlag as reapplyChainFlagThrowing } from '@/lib/server/flags/request-flag-delivery';
import { drainOperations } from '@/lib/server/operations/operation-runner';
import { requireEmulator } from '../support/aws';
import {
  chainFlag,
  deliverFlag as deliver,
  demoFlagBodies,
  flagUsers,
  parameterValue,
  ssmOf,
} from '../support/flag-fixture';
import type { FlagUsers } from '../support/flag-fixture';
import { outcomeOf } from '../support/outcome';

// Drift against the emulator: a chain's flag parameters read back and held against its effective values; a value
// changed by hand in the chain's account is `modified` (who and when from the parameter's history), then re-apply
// writes the effective value back and adopt makes the live value the override, both audited.
const caller = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/server/auth/session', () => ({ getCurrentUser: async () => caller.user }));

const reapplyChainFlag = outcomeOf(reapplyChainFlagThrowing);
const adoptLiveFlag = outcomeOf(adoptLiveFlagThrowing);

process.env.FLEETPANE_OPERATION_POLL_MS = '50';
const fleet = buildDemoFleet();
let users: FlagUsers;
const as = (who: keyof FlagUsers) => (caller.user = users[who]);
const paramValue = (slug: string, name: string) => parameterValue(fleet, slug, name);

describe('flag drift', () => {
  beforeAll(async () => {
    requireEmulator();
    await seedDemoDb(fleet, { historyDays: 0.05 });
    await seedDemoAws(fleet);
    users = await flagUsers();
    as('admin');
    for (const body of demoFlagBodies) await defineFlag(body);
    as('ops');
    expect((await deliver('burger-barn', 'loyalty-v2-checkout', true)).status).toBe('succeeded');
    expect((await deliver('noodle-nest', 'loyalty-v2-checkout', true)).status).toBe('succeeded');
  });

  it('shows a parameter changed directly in the emulator as modified, naming who and when; re-apply and adopt both work', async () => {
    as('ops');
    expect((await deliver('green-bowl', 'points-expiry-days', 60)).status).toBe('succeeded');
    const ssm = ssmOf(fleet, 'green-bowl');
    const name = '/fleetpane/green-bowl/flags/points-expiry-days';
    await ssm.send(new PutParameterCommand({ Name: name, Value: '90', Type: 'String', Overwrite: true }));
    const chain = await db.chain.findUniqueOrThrow({ where: { slug: 'green-bowl' }, select: { id: true } });
    await checkFlagDrift({ chainIds: [chain.id] });
    const modified = await chainFlag('green-bowl', 'points-expiry-days');
    expect(modified).toMatchObject({ value: 60, live: 90, drift: 'modified', liveVersion: 2 });
    expect(modified.modifiedAt).not.toBeNull();
    expect(modified.modifiedBy).toBeTruthy();
    // A flag never delivered to the chain is missing, not in sync.
    expect(await chainFlag('green-bowl', 'loyalty-v2-checkout')).toMatchObject({ drift: 'missing', live: null });

    // Re-apply: the effective value written back, audited.
    const reapply = await reapplyChainFlag({ slug: 'green-bowl', key: 'points-expiry-days', idempotencyKey: null });
    expect(reapply.ok).toBe(true);
    await drainOperations('test-worker');
    expect(await paramValue('green-bowl', 'flags/points-expiry-days')).toBe('60');
    await checkFlagDrift({ chainIds: [chain.id] });
    expect(await chainFlag('green-bowl', 'points-expiry-days')).toMatchObject({
      value: 60,
      live: 60,
      drift: 'in_sync',
    });
    expect(await db.auditEvent.count({ where: { action: 'flag.reapply', chainId: chain.id } })).toBe(1);

    // Adopt: the hand-made value becomes the chain's override, audited with who made it.
    await ssm.send(new PutParameterCommand({ Name: name, Value: '45', Type: 'String', Overwrite: true }));
    const nothing = await adoptLiveFlag({ slug: 'green-bowl', key: 'points-expiry-days' });
    expect(nothing).toMatchObject({ ok: false, status: 409 }); // not read back yet: nothing known to adopt
    await checkFlagDrift({ chainIds: [chain.id] });
    const adopted = await adoptLiveFlag({ slug: 'green-bowl', key: 'points-expiry-days' });
    expect(adopted).toMatchObject({ ok: true, flag: { value: 45, source: 'override', drift: 'in_sync' } });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'flag.adopt', chainId: chain.id },
      select: { before: true, after: true, detail: true },
    });
    expect(event).toMatchObject({ before: { value: 60 }, after: { value: 45, source: 'override' } });
    await checkFlagDrift({ chainIds: [chain.id] });
    expect((await chainFlag('green-bowl', 'points-expiry-days')).drift).toBe('in_sync');

    // A live value that breaks the flag's rules cannot be adopted: re-apply instead.
    await ssm.send(new PutParameterCommand({ Name: name, Value: '"soon"', Type: 'String', Overwrite: true }));
    await checkFlagDrift({ chainIds: [chain.id] });
    expect(await adoptLiveFlag({ slug: 'green-bowl', key: 'points-expiry-days' })).toMatchObject({
      ok: false,
      status: 400,
    });
    // A deleted parameter is missing.
    await ssm.send(new DeleteParameterCommand({ Name: name }));
    await checkFlagDrift({ chainIds: [chain.id] });
    expect((await chainFlag('green-bowl', 'points-expiry-days')).drift).toBe('missing');
  });

  it('marks the flags of a scope that cannot be read unknown, with the reason, keeping the rest of the fleet', async () => {
    const lost = ['taco-tierra', 'sushi-wave']; // one account and region
    const where = { slug: { in: lost } };
    // The emulator answers an unknown region with errors, as an unreachable or throttled region would.
    await db.chain.updateMany({ where, data: { region: 'xx-nowhere-1' } });
    try {
      const summary = await checkFlagDrift();
      expect(summary.chains).toBe(fleet.chains.length);
      const flags = [...(await findChainFlags(lost[0]!)).flags, ...(await findChainFlags(lost[1]!)).flags];
      expect(flags.length).toBe(2 * demoFlagBodies.length);
      for (const f of flags) expect([f.key, f.drift, !!f.checkError]).toEqual([f.key, 'unknown', true]);
      // The scope's second chain is not tried again once its first failed.
      expect(flags.filter((f) => f.checkError!.startsWith('not read:'))).toHaveLength(demoFlagBodies.length);
      expect(summary.byDrift.unknown).toBe(flags.length);
      expect((await chainFlag('burger-barn', 'loyalty-v2-checkout')).drift).toBe('in_sync');
      expect((await chainFlag('noodle-nest', 'loyalty-v2-checkout')).drift).toBe('in_sync');
    } finally {
      await db.chain.updateMany({ where, data: { region: 'sa-east-1' } });
    }
  });
});
