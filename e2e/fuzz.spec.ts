import fc from 'fast-check';
import type { APIRequestContext, APIResponse } from '@playwright/test';
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

const RUNS_PER_TARGET = 900;
const CHAIN = 'burger-barn'; // managed by am; pizza-piazza by am2

function targets(contractVersion: number): FuzzTarget[] {
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
          invalid: fc.oneof(notAString, fc.constant<Json>([{ key: 'teleport', monthlyPrice: '1' }])),
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
  ];
}

function send(api: APIRequestContext, target: FuzzTarget, path: string, req: FuzzRequest) {
  return api.fetch(path, {
    method: target.method,
    headers: { 'content-type': req.contentType, ...req.headers },
    data: req.body,
    maxRedirects: 0,
  });
}

async function expectNamedRefusal(res: APIResponse, what: string) {
  expect(res.status(), what).toBeGreaterThanOrEqual(400);
  expect(res.status(), what).toBeLessThan(500);
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
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
  const admin = await withToken(playwright, baseURL!, (await createToken(page, 'fuzz-admin')).token);
  await signInAs('am2');
  const otherManager = await withToken(playwright, baseURL!, (await createToken(page, 'fuzz-am2')).token);
  const before = await fleetSnapshot(admin);
  const version = (
    (await (await admin.get(`/api/v1/chains/${CHAIN}/contract`)).json()) as {
      contract: { version: number };
    }
  ).contract.version;

  let sent = 0;
  for (const target of targets(version)) {
    await fc.assert(
      fc.asyncProperty(brokenRequest(target), async (req) => {
        sent += 1;
        const res = await send(admin, target, target.path(), req);
        await expectNamedRefusal(res, `${target.name}, ${req.why}: ${req.body.slice(0, 120)}`);
      }),
      { numRuns: RUNS_PER_TARGET },
    );
  }
  // Ids that are not operations, or not this caller's chains.
  const ids: fc.Arbitrary<string> = fc.oneof(
    fc.uuid(),
    invalidString.map((s) => encodeURIComponent(s.slice(0, 300))),
  );
  await fc.assert(
    fc.asyncProperty(ids, fc.constantFrom('approve', 'cancel'), async (id, verb) => {
      sent += 1;
      const res = await admin.post(`/api/v1/operations/${id}/${verb}`, { maxRedirects: 0 });
      await expectNamedRefusal(res, `${verb} ${id}`);
    }),
    { numRuns: 400 },
  );
  // A valid contract body on a chain the caller (am2) does not manage: refused.
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('burger-barn', 'le-petit-bistro', 'taco-tierra'), async (slug) => {
      sent += 1;
      const res = await otherManager.put(`/api/v1/chains/${slug}/contract`, { data: targets(version)[1]!.base });
      await expectNamedRefusal(res, `am2 edits ${slug}`);
    }),
    { numRuns: 50 },
  );
  expect(sent).toBeGreaterThanOrEqual(5_000);
  expect(await fleetSnapshot(admin)).toEqual(before);
});
