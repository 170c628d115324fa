import fc from 'fast-check';
import { withToken } from './support/callers';
import { brokenRequest, invalidNumber, invalidString, notAString } from './support/fuzz-inputs';
import type { FuzzRequest, FuzzTarget, Json } from './support/fuzz-inputs';
import { fleetSnapshot } from './support/fleet-snapshot';
import { createToken } from './support/tokens';
import { expect, test } from './fixtures';

// Generated hostile requests over every mutating route that takes input (fast-check): wrong types, missing
// and unknown fields, huge, unicode and control strings, SQL and script fragments, negative and enormous
// numbers, unknown enum values, bodies that are not JSON, other chains' ids. Each is invalid in at least one
// way; each answer must be a 4xx that names the problem, and afterwards nothing in the database or in AWS
// has changed. Runs in its own project, after the specs that change the fleet, so counts are stable.

const RUNS_PER_TARGET = 700;
// The generator's seed is printed with any failure: FUZZ_SEED=<seed> replays the same requests.
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CHAIN = 'burger-barn'; // managed by am; pizza-piazza by am2

type Ids = { contractVersion: number; fuzzUserId: string; managerId: string };

function targets({ contractVersion, fuzzUserId, managerId }: Ids): FuzzTarget[] {
  const contract = {
    tier: 'enterprise',
    startDate: '2026-01-01',
    endDate: '2027-12-31',
    monthlyPrice: '1000.00',
    currency: 'EUR',
    marginTargetPct: '35',
    upgrades: [],
    creditSchedule: [],
    version: contractVersion,
  };
  return [
    {
      name: 'provision a chain',
      method: 'POST',
      path: () => '/api/v1/chains',
      idempotencyKey: true,
      base: {
        slug: 'fuzz-new-chain',
        name: 'Fuzz Diner',
        region: 'us-east-1',
        tier: 'standard',
        contract: { startDate: '2027-01-01', endDate: '2028-01-01', monthlyPrice: '900.00', currency: 'EUR' },
      },
      required: ['slug', 'name', 'region', 'tier', 'contract'],
      fields: [
        { path: ['slug'], invalid: fc.oneof(invalidString, notAString) },
        { path: ['name'], invalid: fc.oneof(fc.constant('x'.repeat(121)), fc.constant('   '), notAString) },
        { path: ['region'], invalid: fc.oneof(invalidString, notAString) },
        { path: ['tier'], invalid: fc.oneof(invalidString, notAString) },
        { path: ['database', 'kind'], invalid: fc.oneof(invalidString, fc.constantFrom('serverless', 'DEDICATED')) },
        { path: ['database', 'storageGb'], invalid: invalidNumber },
        { path: ['contract', 'monthlyPrice'], invalid: fc.oneof(invalidString, fc.constantFrom('-5', '1.234', '1e9')) },
        { path: ['contract', 'endDate'], invalid: fc.oneof(invalidString, fc.constant('2026-12-31')) },
        { path: ['accountManagerEmail'], invalid: fc.oneof(invalidString, notAString) },
      ],
    },
    {
      name: "replace a chain's contract",
      method: 'PUT',
      path: () => `/api/v1/chains/${CHAIN}/contract`,
      base: contract,
      required: ['tier', 'startDate', 'endDate', 'monthlyPrice', 'currency', 'marginTargetPct', 'version'],
      fields: [
        { path: ['monthlyPrice'], invalid: fc.oneof(invalidString, fc.constantFrom('-1.00', '12345678901', '0.001')) },
        { path: ['marginTargetPct'], invalid: fc.oneof(invalidString, fc.constantFrom('101', '-3')) },
        { path: ['startDate'], invalid: fc.oneof(invalidString, fc.constantFrom('2026-02-30', '2028-01-01')) },
        { path: ['currency'], invalid: fc.oneof(invalidString, fc.constantFrom('EURO', 'E1')) },
        { path: ['version'], invalid: fc.oneof(invalidNumber, fc.constant(contractVersion + 1)) },
        {
          path: ['upgrades'],
          // An empty list is a valid "no upgrades": never sent as a break.
          invalid: fc.oneof(
            notAString.filter((v) => !(Array.isArray(v) && v.length === 0)),
            fc.constant<Json>([{ key: 'teleport', monthlyPrice: '1' }]),
          ),
        },
        { path: ['creditSchedule'], invalid: fc.constant<Json>([{ below: 140, creditPct: -5 }]) },
        { path: ['accountManagerId'], invalid: fc.oneof(invalidString, fc.constant(crypto.randomUUID())) },
      ],
    },
    {
      name: 'request an operation',
      method: 'POST',
      path: () => `/api/v1/chains/${CHAIN}/operations`,
      idempotencyKey: true,
      base: { type: 'backup', params: {} },
      required: ['type'],
      fields: [
        { path: ['type'], invalid: fc.oneof(invalidString, notAString, fc.constant('provision')) },
        { path: ['params'], invalid: fc.oneof(fc.integer(), fc.constant('x'), fc.constant({ extra: true })) },
      ],
    },
    {
      name: 'start a wave',
      method: 'POST',
      path: () => '/api/v1/waves',
      base: { type: 'backup', chains: [CHAIN], batchSize: 5 },
      required: ['type', 'chains'],
      fields: [
        { path: ['type'], invalid: fc.oneof(invalidString, fc.constant('decommission')) },
        { path: ['chains'], invalid: fc.oneof(notAString, fc.array(invalidString, { minLength: 1, maxLength: 3 })) },
        { path: ['chains'], invalid: fc.constant(['no-such-chain-anywhere']) },
        { path: ['batchSize'], invalid: invalidNumber },
        { path: ['tier'], invalid: fc.constant('enterprise') },
      ],
    },
    {
      name: 'add a user',
      method: 'POST',
      path: () => '/api/v1/users',
      base: { email: 'fuzz-new@fleetpane.local', name: 'Fuzz New', role: 'ops' },
      required: ['email', 'name', 'role'],
      fields: [
        { path: ['email'], invalid: fc.oneof(invalidString, notAString) },
        { path: ['role'], invalid: fc.oneof(invalidString, fc.constantFrom('superuser', 'ADMIN')) },
        { path: ['name'], invalid: fc.oneof(fc.constant('x'.repeat(101)), fc.constant('a\u0001b'), notAString) },
        { path: ['password'], invalid: fc.oneof(fc.constant('short'), fc.constant('p'.repeat(201)), fc.integer()) },
      ],
    },
    {
      name: 'change a user',
      method: 'PATCH',
      path: () => `/api/v1/users/${fuzzUserId}`,
      base: { name: 'Fuzz Target' },
      required: ['name'],
      fields: [
        { path: ['role'], invalid: fc.oneof(invalidString, fc.constant('root')) },
        { path: ['active'], invalid: fc.oneof(fc.constantFrom('false', 0, 1, 'yes'), fc.constant(null)) },
        { path: ['name'], invalid: fc.oneof(fc.constant(''), fc.constant('x'.repeat(101)), notAString) },
      ],
    },
    {
      name: 'reassign chains',
      method: 'POST',
      path: () => `/api/v1/users/${managerId}/chains`,
      base: { chains: ['curry-house'] },
      required: ['chains'],
      fields: [
        { path: ['chains'], invalid: fc.oneof(notAString, fc.array(invalidString, { minLength: 1, maxLength: 3 })) },
        { path: ['chains'], invalid: fc.constant(['curry-house', 'no-such-chain-anywhere']) },
      ],
    },
  ];
}

/** Runs the work over the items, a few at a time (a browser's worth of connections). */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>, concurrency = 6): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

type Answer = { status: number; body: string };

// Node's own fetch, not Playwright's request context: thousands of requests through the test driver's
// protocol cost minutes of CPU; the server sees the same HTTP either way.
async function call(baseURL: string, token: string, method: string, path: string, req?: FuzzRequest): Promise<Answer> {
  const res = await fetch(new URL(path, baseURL), {
    method,
    redirect: 'manual',
    headers: { authorization: `Bearer ${token}`, ...(req ? { 'content-type': req.contentType, ...req.headers } : {}) },
    ...(req ? { body: req.body } : {}),
  });
  return { status: res.status, body: await res.text() };
}

function expectNamedRefusal(res: Answer, what: string): void {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  const body = (() => {
    try {
      return JSON.parse(res.body) as { error?: unknown };
    } catch {
      return null;
    }
  })();
  expect(typeof body?.error === 'string' && body.error.length > 0, `${what}: names the problem`).toBe(true);
}

test('generated hostile requests are refused with a named 4xx and change nothing', async ({
  page,
  signInAs,
  playwright,
  baseURL,
}) => {
  test.setTimeout(900_000);
  await signInAs('admin');
  const adminToken = (await createToken(page, 'fuzz-admin')).token;
  const admin = await withToken(playwright, baseURL!, adminToken);
  await signInAs('am2');
  const otherManagerToken = (await createToken(page, 'fuzz-am2')).token;
  const users = ((await (await admin.get('/api/v1/users')).json()) as { users: { id: string; email: string }[] }).users;
  const target = await admin.post('/api/v1/users', {
    data: { email: `fuzz-target-${SEED}@fleetpane.local`, name: 'Fuzz Target', role: 'finance' },
  });
  expect(target.status()).toBe(201);
  const ids: Ids = {
    contractVersion: (
      (await (await admin.get(`/api/v1/chains/${CHAIN}/contract`)).json()) as { contract: { version: number } }
    ).contract.version,
    fuzzUserId: ((await target.json()) as { user: { id: string } }).user.id,
    managerId: users.find((u) => u.email === 'am2@fleetpane.local')!.id,
  };
  const before = await fleetSnapshot(admin);

  let sent = 0;
  for (const [index, target] of targets(ids).entries()) {
    const requests = fc.sample(brokenRequest(target), { numRuns: RUNS_PER_TARGET, seed: SEED + index });
    await inParallel(requests, async (req) => {
      sent += 1;
      const res = await call(baseURL!, adminToken, target.method, target.path(), req);
      await expectNamedRefusal(res, `seed ${SEED}: ${target.name}, ${req.why}: ${req.body.slice(0, 120)}`);
    });
  }
  // Ids that are not operations.
  const badIds = fc.sample(
    fc.tuple(
      fc.oneof(
        fc.uuid(),
        // Never empty: "/operations//cancel" is another URL (Next redirects it), not a bad id.
        invalidString.filter((s) => s.length > 0).map((s) => encodeURIComponent(s.slice(0, 300))),
      ),
      fc.constantFrom('approve', 'cancel'),
    ),
    { numRuns: 300, seed: SEED },
  );
  await inParallel(badIds, async ([id, verb]) => {
    sent += 1;
    const res = await call(baseURL!, adminToken, 'POST', `/api/v1/operations/${id}/${verb}`);
    await expectNamedRefusal(res, `seed ${SEED}: ${verb} ${id.slice(0, 80)}`);
  });
  // A valid contract body on chains the caller (am2) does not manage: refused.
  for (const slug of ['burger-barn', 'le-petit-bistro', 'taco-tierra']) {
    sent += 1;
    const res = await call(baseURL!, otherManagerToken, 'PUT', `/api/v1/chains/${slug}/contract`, {
      body: JSON.stringify(targets(ids)[1]!.base),
      contentType: 'application/json',
      headers: {},
      why: 'another chain',
    });
    await expectNamedRefusal(res, `am2 edits ${slug}`);
  }
  expect(sent).toBeGreaterThanOrEqual(5_000);
  expect(await fleetSnapshot(admin)).toEqual(before);
});
