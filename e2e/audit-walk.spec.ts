import { actions, routes } from '../lib/server/auth/access-matrix';
import { auditWalk, label } from './support/audit-walk-kit';
import { walkAlerts } from './support/audit-walk-alerts';
import { walkAlertChannels } from './support/audit-walk-alert-channels';
import { walkFlags } from './support/audit-walk-flags';
import { demoEmail, signedIn, signedOut, withToken } from './support/callers';
import { expect, test } from './fixtures';

// Every route handler and server action that changes something, called for real over HTTP, then looked up in
// the audit trail by the X-Request-Id its response carried: the event names the actor (email, role, token),
// the source, the chain, and what was before and after. A mutating surface added to the access matrix without
// a case here fails the last assertion. Runs with the specs that change the fleet: it provisions a chain of
// its own, edits and decommissions that one only.

const run = `${Date.now().toString(36)}`;
const SLUG = `audit-${run}`;
const ADMIN = demoEmail('admin');

test('every change through every route and server action is in the trail: who, from where, before → after', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const admin = await signedIn(playwright, baseURL!, ADMIN);
  const ops = await signedIn(playwright, baseURL!, demoEmail('ops'));
  const kit = auditWalk(admin, baseURL!, SLUG);
  const { covered, eventsOf, audited, send, finished, action, files } = kit;

  // A chain of this spec's own.
  const provision = await send(
    admin,
    'POST',
    '/api/v1/chains',
    {
      slug: SLUG,
      name: 'Audit Walk Diner',
      region: 'us-east-1',
      tier: 'standard',
      contract: { startDate: '2027-01-01', endDate: '2028-01-01', monthlyPrice: '900.00', currency: 'EUR' },
    },
    true,
  );
  await audited('POST /api/v1/chains', provision, {
    action: 'operation.requested:provision',
    chain: SLUG,
    before: null,
    after: { status: 'queued' },
  });
  await finished(((await provision.json()) as { operation: { id: string } }).operation.id);

  // Its contract, through the API and through the edit form.
  const contractUrl = `/api/v1/chains/${SLUG}/contract`;
  const contract = (await (await admin.get(contractUrl)).json()) as { contract: Record<string, unknown> };
  const put = await send(admin, 'PUT', contractUrl, { ...contract.contract, monthlyPrice: '950.00' });
  await audited(`PUT /api/v1/chains/[slug]/contract`, put, {
    action: 'contract.update',
    chain: SLUG,
    before: { monthlyPrice: '900.00' },
    after: { monthlyPrice: '950.00' },
  });
  const c = contract.contract as { tier: string; startDate: string; endDate: string; version: number };
  const saveContract = await action('saveContractAction', files.contract, {
    slug: SLUG,
    tier: c.tier,
    startDate: c.startDate,
    endDate: c.endDate,
    monthlyPrice: '975.00',
    currency: 'EUR',
    marginTargetPct: '30',
    version: String(c.version + 1),
  });
  await audited('action saveContractAction', saveContract, {
    action: 'contract.update',
    chain: SLUG,
    before: { monthlyPrice: '950.00' },
    after: { monthlyPrice: '975.00', marginTargetPct: '30.00' },
  });

  // An operation, and a wave, each run to its end (one change at a time on the chain's resources).
  const backup = await send(ops, 'POST', `/api/v1/chains/${SLUG}/operations`, { type: 'backup', params: {} }, true);
  await audited('POST /api/v1/chains/[slug]/operations', backup, {
    action: 'operation.requested:backup',
    chain: SLUG,
    actor: demoEmail('ops'),
    before: null,
    after: { status: 'queued', params: {} },
  });
  await finished(((await backup.json()) as { operation: { id: string } }).operation.id);
  const wave = await send(admin, 'POST', '/api/v1/waves', { type: 'backup', chains: [SLUG], batchSize: 1 });
  await audited('POST /api/v1/waves', wave, { action: 'wave.started:backup', after: { status: 'running' } });
  await expect
    .poll(async () => (await (await admin.get(`/api/v1/chains/${SLUG}/operations`)).json()).operations[0].status, {
      timeout: 90_000,
    })
    .toMatch(/succeeded|failed/);

  await walkFlags(kit, admin, SLUG, run);
  await walkAlerts(kit, admin, SLUG, `audit-walk-${run}`);
  await walkAlertChannels(kit, admin, run);

  // A decommission requested by ops and cancelled by an admin.
  const decommission = () =>
    send(ops, 'POST', `/api/v1/chains/${SLUG}/operations`, { type: 'decommission', params: { confirm: SLUG } }, true);
  const first = ((await (await decommission()).json()) as { operation: { id: string } }).operation.id;
  await audited(
    'POST /api/v1/operations/[id]/cancel',
    await send(admin, 'POST', `/api/v1/operations/${first}/cancel`),
    {
      action: 'operation.cancel:decommission',
      chain: SLUG,
      before: { status: 'queued' },
      after: { status: 'failed', cancelledBy: ADMIN },
    },
  );

  // The fleet's jobs, from the API with a token (source api, the token named) and from the pages.
  const tokenRes = await action('createTokenAction', files.tokens, { name: `audit-walk-${run}` });
  const created = await audited('action createTokenAction', tokenRes, {
    action: 'api-token.create',
    after: { name: `audit-walk-${run}` },
  });
  const token = /fpt_[A-Za-z0-9_-]{40,}/.exec(await tokenRes.text())?.[0];
  expect(token, 'the new token is shown once').toBeTruthy();
  const pipeline = await withToken(playwright, baseURL!, token!);
  const ingest = await send(pipeline, 'POST', '/api/v1/costs/ingest');
  // The test run's AWS proxy denies one of the demo's accounts: the ingest reports it (failed), the rest is read.
  const ingested = await audited('POST /api/v1/costs/ingest', ingest, {
    action: 'costs.ingest',
    source: 'api',
    result: 'failed',
  });
  expect(ingested.token).toEqual({ id: created.target, name: `audit-walk-${run}` });
  const readings = (await eventsOf(ingest)).filter((e) => e.action === 'costs.replaced');
  expect(readings.length, 'each replaced cost reading is audited with the ingest').toBeGreaterThan(0);
  for (const r of readings) expect(r).toMatchObject({ before: { lines: expect.any(Number) }, source: 'api' });
  await pipeline.dispose();
  const revoke = await action('revokeTokenAction', files.tokens, { id: created.target! }, '/settings/tokens');
  await audited('action revokeTokenAction', revoke, {
    action: 'api-token.revoke',
    before: { revokedAt: null },
    after: { revokedAt: expect.any(String) },
  });
  const refresh = await send(admin, 'POST', '/api/v1/fleet/refresh');
  const refreshed = await audited('POST /api/v1/fleet/refresh', refresh, {
    action: 'fleet.refresh',
    result: 'failed', // the denied account's scope
  });
  expect(refreshed.detail).toMatchObject({ awsCalls: expect.any(Number) });
  await audited('POST /api/v1/checks/run', await send(admin, 'POST', '/api/v1/checks/run', { chains: [SLUG] }), {
    action: 'checks.run',
    result: 'ok',
  });
  await audited('action runNightlyCheckAction', await action('runNightlyCheckAction', files.fleet, {}), {
    action: 'checks.run',
    result: 'ok',
  });
  await audited(
    'action runScheduleNowAction',
    await action('runScheduleNowAction', files.schedules, { name: 'collector' }),
    { action: 'schedule.run-now', before: { nextRunAt: expect.any(String) }, after: { nextRunAt: expect.any(String) } },
  );
  await audited(
    'action savePriceAction',
    await action('savePriceAction', files.prices, {
      kind: 'rds-storage',
      region: 'ap-south-2',
      sku: '',
      unitPrice: '0.2',
    }),
    { action: 'price.save', before: null, after: { unitPrice: '0.2' } },
  );
  await audited(
    'action saveTierAction',
    await action('saveTierAction', files.tiers, {
      mode: 'create',
      key: `audit-${run}`,
      name: 'Audit tier',
      availabilityTarget: '99.5',
      minBackupRetentionDays: '1',
      minInstanceClass: '',
      allowedRegions: '',
      version: '0',
    }),
    { action: 'tier.create', before: null, after: { key: `audit-${run}`, availabilityTarget: '99.500' } },
  );

  // People: through the API and through the users page.
  const manager = await send(admin, 'POST', '/api/v1/users', {
    email: `audit-am-${run}@example.com`,
    name: 'Audit AM',
    role: 'account_manager',
  });
  await audited('POST /api/v1/users', manager, {
    action: 'user.create',
    after: { email: `audit-am-${run}@example.com`, role: 'account_manager' },
  });
  const managerId = ((await manager.json()) as { user: { id: string } }).user.id;
  await audited('PATCH /api/v1/users/[id]', await send(admin, 'PATCH', `/api/v1/users/${managerId}`, { name: 'Ann' }), {
    action: 'user.update',
    before: { name: 'Audit AM' },
    after: { name: 'Ann' },
  });
  await audited(
    'POST /api/v1/users/[id]/chains',
    await send(admin, 'POST', `/api/v1/users/${managerId}/chains`, { chains: [SLUG] }),
    { action: 'chain.account-manager', chain: SLUG, after: { accountManager: `audit-am-${run}@example.com` } },
  );
  const other = await action('createUserAction', files.users, {
    email: `audit-ops-${run}@example.com`,
    name: 'Audit Ops',
    role: 'ops',
  });
  const otherEvent = await audited('action createUserAction', other, {
    action: 'user.create',
    after: { role: 'ops' },
  });
  const users = (await (await admin.get('/api/v1/users')).json()) as { users: { id: string; email: string }[] };
  const otherId = users.users.find((u) => `user:${u.email}` === otherEvent.target)!.id;
  const amId = users.users.find((u) => u.email === demoEmail('am'))!.id;
  await audited(
    'action changeRoleAction',
    await action('changeRoleAction', files.users, { id: otherId, role: 'finance' }),
    { action: 'user.update', before: { role: 'ops' }, after: { role: 'finance' } },
  );
  await audited(
    'action setActiveAction',
    await action('setActiveAction', files.users, { id: otherId, active: 'false' }),
    { action: 'user.update', before: { active: true }, after: { active: false } },
  );
  await audited(
    'action reassignChainsAction',
    await action('reassignChainsAction', files.users, { manager: amId, chains: SLUG }),
    {
      action: 'chain.account-manager',
      chain: SLUG,
      before: { accountManager: `audit-am-${run}@example.com` },
      after: { accountManager: demoEmail('am') },
    },
  );

  // Signing in and out (next-auth's endpoint).
  const visitor = await signedOut(playwright, baseURL!);
  const { csrfToken } = (await (await visitor.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signIn = await visitor.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: demoEmail('ops'), password: 'fleetpane-demo', json: 'true' },
  });
  await audited('POST /api/auth/[...nextauth]', signIn, {
    action: 'auth.sign-in',
    actor: demoEmail('ops'),
  });
  await visitor.dispose();

  // Last: the second decommission, approved by an admin, retires this spec's chain.
  const second = ((await (await decommission()).json()) as { operation: { id: string } }).operation.id;
  await audited(
    'POST /api/v1/operations/[id]/approve',
    await send(admin, 'POST', `/api/v1/operations/${second}/approve`),
    {
      action: 'operation.approved:decommission',
      chain: SLUG,
      before: { approvedBy: null },
      after: { approvedBy: ADMIN },
    },
  );

  const mutating = [...routes.filter((r) => r.method !== 'GET'), ...actions].map(label);
  expect(
    mutating.filter((m) => !covered.has(m)),
    'mutating surfaces without an audit case here',
  ).toEqual([]);
  await admin.dispose();
  await ops.dispose();
});
