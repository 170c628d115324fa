import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import type { APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { handPickedChains } from '../../lib/server/demo/demo-chains';

// What a refused request must not change: the rows the API writes (counted in the database itself when the
// run uses a PostgreSQL server; through the API always), and the resources in the emulator.

const WRITTEN_TABLES = [
  'Chain',
  'Contract',
  'Deployment',
  'Operation',
  'OperationStep',
  'Wave',
  'InstanceLock',
  'User',
  'ApiToken',
  'SlaTier',
  'PriceItem',
  'ReplacedDbInstance',
  'SharedDbInstance',
];

async function tableCounts(): Promise<Record<string, number> | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null; // the embedded database is open in the server process only
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of WRITTEN_TABLES) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

async function awsCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const region of [...new Set(handPickedChains.map((chain) => chain.region))].sort()) {
    const rds = new RDSClient({ region, maxAttempts: 2 });
    const ec2 = new EC2Client({ region, maxAttempts: 2 });
    counts[`${region} db instances`] = (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances?.length ?? 0;
    counts[`${region} db snapshots`] = (await rds.send(new DescribeDBSnapshotsCommand({}))).DBSnapshots?.length ?? 0;
    const reservations = (await ec2.send(new DescribeInstancesCommand({}))).Reservations ?? [];
    counts[`${region} ec2 instances`] = reservations.flatMap((r) => r.Instances ?? []).length;
  }
  return counts;
}

async function apiView(api: APIRequestContext): Promise<Record<string, unknown>> {
  const read = async (path: string) => (await api.get(path)).json() as Promise<Record<string, unknown>>;
  const operations = (await read('/api/v1/operations')).operations as { id: string }[];
  const waves = (await read('/api/v1/waves')).waves as { id: string }[];
  const users = (await read('/api/v1/users')).users as {
    email: string;
    role: string;
    active: boolean;
    chains: unknown;
  }[];
  return {
    chains: (await read('/api/v1/chains')).total,
    operations: operations.map((o) => o.id),
    waves: waves.map((w) => w.id),
    users: users.map((u) => ({
      email: u.email,
      role: u.role,
      active: u.active,
      chains: u.chains,
    })),
    contract: (await read('/api/v1/chains/burger-barn/contract')).contract,
  };
}

export async function fleetSnapshot(api: APIRequestContext): Promise<Record<string, unknown>> {
  return { api: await apiView(api), tables: await tableCounts(), aws: await awsCounts() };
}
