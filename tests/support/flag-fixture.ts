// The flag tests' fixture: the demo's users as callers, a few flags of every kind, and what the emulator holds
// under /fleetpane/ read straight through the SDK (per account and region, the chain-owned accounts through
// their roles), so a test compares AWS before and after rather than trusting the product's own records.
import { GetParameterCommand, GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import type { SessionUser } from '@/lib/server/auth/session';
import { awsClients } from '@/lib/server/aws/clients';
import { db } from '@/lib/server/db/client';
import type { DemoFleet } from '@/lib/server/demo/demo-fleet';
import { findChainFlags } from '@/lib/server/flags/find-chain-flags';
import { setChainFlag } from '@/lib/server/flags/request-flag-delivery';
import { drainOperations } from '@/lib/server/operations/operation-runner';

export type FlagUsers = Record<'admin' | 'ops' | 'ops2' | 'finance', SessionUser>;

export async function flagUsers(): Promise<FlagUsers> {
  const read = (email: string) =>
    db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
  return {
    admin: await read('admin@fleetpane.local'),
    ops: await read('ops@fleetpane.local'),
    ops2: await read('ops2@fleetpane.local'),
    finance: await read('finance@fleetpane.local'),
  };
}

/** A boolean, an EU-only boolean, a number, a sensitive string and a JSON flag with a schema. */
export const demoFlagBodies = [
  {
    key: 'loyalty-v2-checkout',
    description: 'The new checkout',
    type: 'boolean',
    defaultValue: false,
    owner: 'loyalty',
  },
  {
    key: 'eu-payment-gateway',
    description: 'EU payments',
    type: 'boolean',
    defaultValue: false,
    owner: 'payments',
    residency: 'EU',
  },
  { key: 'points-expiry-days', description: 'Points expire', type: 'number', defaultValue: 30, owner: 'loyalty' },
  {
    key: 'payment-provider',
    description: 'Card acquirer',
    type: 'string',
    defaultValue: 'stripe',
    owner: 'payments',
    sensitive: true,
  },
  {
    key: 'receipt-footer',
    description: 'Receipt footer',
    type: 'json',
    defaultValue: { lines: [] },
    jsonSchema: {
      type: 'object',
      properties: { lines: { type: 'array', items: { type: 'string' }, maxItems: 3 } },
      required: ['lines'],
      additionalProperties: false,
    },
    owner: 'pos',
  },
];

export const ssmOf = (fleet: DemoFleet, slug: string) => {
  const c = fleet.chains.find((x) => x.slug === slug)!;
  return awsClients({ region: c.region, accountId: c.accountId, roleArn: c.roleArn }).ssm;
};

export const parameterValue = async (fleet: DemoFleet, slug: string, name: string) =>
  (await ssmOf(fleet, slug).send(new GetParameterCommand({ Name: `/fleetpane/${slug}/${name}` }))).Parameter?.Value;

/** Every parameter under /fleetpane/ in every account and region of the fleet: "<account>/<region><name>" → value and version. */
export async function everyParameter(fleet: DemoFleet): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const scopes = new Map(fleet.chains.map((c) => [`${c.accountId}/${c.region}`, c]));
  for (const [scope, c] of scopes) {
    const ssm = awsClients({ region: c.region, accountId: c.accountId, roleArn: c.roleArn }).ssm;
    let token: string | undefined;
    do {
      const page = await ssm.send(
        new GetParametersByPathCommand({ Path: '/fleetpane/', Recursive: true, NextToken: token }),
      );
      for (const p of page.Parameters ?? []) out.set(`${scope}${p.Name}`, `${p.Value} v${p.Version}`);
      token = page.NextToken;
    } while (token);
  }
  return out;
}

export const chainFlag = async (slug: string, key: string) =>
  (await findChainFlags(slug)).flags.find((f) => f.key === key)!;

/** Sets a chain's value as the current caller and runs the queue; the delivery as it ended. */
export async function deliverFlag(slug: string, key: string, value: unknown) {
  const r = await setChainFlag({ slug, key, body: { value }, idempotencyKey: null });
  await drainOperations('test-worker');
  return db.operation.findUniqueOrThrow({
    where: { id: r.operation.id },
    select: { id: true, status: true, error: true },
  });
}
