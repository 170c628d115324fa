import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import type { ChainFlagsResult as ChainFlags } from '../../lib/flags/flag-dto';
import type { auditWalk } from './audit-walk-kit';

// The audit walk's flag cases (e2e/audit-walk.spec.ts), on the walk's own chain.

export async function walkFlags(
  kit: ReturnType<typeof auditWalk>,
  admin: APIRequestContext,
  SLUG: string,
  run: string,
): Promise<void> {
  const { audited, send, action, files } = kit;
  // Flags: a definition through the API; the chain's value delivered through the API and its page (one
  // delivery at a time on a chain); a hand-changed parameter adopted through both.
  const FLAG = `audit-walk-${run}`;
  const flagUrl = `/api/v1/chains/${SLUG}/flags/${FLAG}`;
  const flagOf = async () =>
    ((await (await admin.get(`/api/v1/chains/${SLUG}/flags`)).json()) as ChainFlags).flags.find((f) => f.key === FLAG);
  const idle = () => expect.poll(async () => (await flagOf())?.pending ?? null, { timeout: 90_000 }).toBeNull();
  const flagForm = (fields: Record<string, string>) => ({
    slug: SLUG,
    key: FLAG,
    idempotencyKey: `audit-walk-${crypto.randomUUID()}`,
    ...fields,
  });
  await audited(
    'POST /api/v1/flags',
    await send(admin, 'POST', '/api/v1/flags', {
      key: FLAG,
      description: 'Audit walk',
      type: 'number',
      defaultValue: 1,
      owner: 'audit walk',
    }),
    { action: 'flag.define', before: null, after: { key: FLAG, defaultValue: 1 } },
  );
  await audited(
    'PATCH /api/v1/flags/[key]',
    await send(admin, 'PATCH', `/api/v1/flags/${FLAG}`, { description: 'Audit walk, edited' }),
    { action: 'flag.update', before: { description: 'Audit walk' }, after: { description: 'Audit walk, edited' } },
  );
  await audited('PUT /api/v1/chains/[slug]/flags/[key]', await send(admin, 'PUT', flagUrl, { value: 2 }, true), {
    action: 'operation.requested:deliver-flag',
    chain: SLUG,
    before: null,
  });
  await idle();
  await audited(
    'POST /api/v1/chains/[slug]/flags/[key]/reapply',
    await send(admin, 'POST', `${flagUrl}/reapply`, undefined, true),
    { action: 'operation.requested:deliver-flag', chain: SLUG },
  );
  await idle();
  await audited(
    'action setChainFlagAction',
    await action('setChainFlagAction', files.flags, flagForm({ type: 'number', value: '3' })),
    { action: 'operation.requested:deliver-flag', chain: SLUG },
  );
  await idle();
  await audited('action reapplyChainFlagAction', await action('reapplyChainFlagAction', files.flags, flagForm({})), {
    action: 'operation.requested:deliver-flag',
    chain: SLUG,
  });
  await idle();
  const ssm = new SSMClient({ region: 'us-east-1', maxAttempts: 1 });
  const changeByHand = async (value: number) => {
    await ssm.send(
      new PutParameterCommand({ Name: `/fleetpane/${SLUG}/flags/${FLAG}`, Value: String(value), Overwrite: true }),
    );
    await action('runScheduleNowAction', files.schedules, { name: 'flag-drift' });
    await expect.poll(async () => (await flagOf())?.drift, { timeout: 60_000 }).toBe('modified');
  };
  await changeByHand(7);
  await audited('POST /api/v1/chains/[slug]/flags/[key]/adopt', await send(admin, 'POST', `${flagUrl}/adopt`), {
    action: 'flag.adopt',
    chain: SLUG,
    before: { value: 3 },
    after: { value: 7 },
  });
  await changeByHand(8);
  await audited('action adoptLiveFlagAction', await action('adoptLiveFlagAction', files.flags, flagForm({})), {
    action: 'flag.adopt',
    chain: SLUG,
    before: { value: 7 },
    after: { value: 8 },
  });
  // A rollout scheduled for later, then cancelled.
  const scheduled = await send(admin, 'POST', `/api/v1/flags/${FLAG}/rollouts`, {
    value: 5,
    match: { chains: [SLUG] },
    at: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await audited('POST /api/v1/flags/[key]/rollouts', scheduled, {
    action: 'flag.rollout-scheduled',
    before: null,
    after: { value: 5, match: { chains: [SLUG] } },
  });
  const rolloutId = ((await scheduled.json()) as { rollout: { id: string } }).rollout.id;
  await audited(
    'POST /api/v1/flags/[key]/rollouts/[id]/cancel',
    await send(admin, 'POST', `/api/v1/flags/${FLAG}/rollouts/${rolloutId}/cancel`),
    { action: 'flag.rollout-cancelled', before: { status: 'scheduled' }, after: { status: 'cancelled' } },
  );
}
