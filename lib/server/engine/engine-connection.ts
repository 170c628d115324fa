import 'server-only';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { config } from '@/lib/config';
import type { AwsClients } from '@/lib/server/aws/clients';
import { describeDbEndpoint } from '@/lib/server/aws/rds-operations';
import type { Endpoint } from '@/lib/server/aws/rds-operations';
import { readMasterSecret } from '@/lib/server/aws/secrets';

// The adapter to the PostgreSQL engines inside RDS instances: how to reach one as its master user (its
// RDS-managed master secret, TLS verified against the RDS CA), or the emulator's stand-in engine.

/** Against the emulator every RDS instance is one engine: nothing is made, copied or dropped between two. */
export const oneEngine = () => config().engine.kind === 'emulated';

/** Where the instance's engine listens (what a chain's app connects to). */
export async function instanceEndpoint(clients: AwsClients, identifier: string): Promise<Endpoint> {
  return (await describeDbEndpoint(clients, identifier)).endpoint;
}

/** How to reach an instance's engine as its master user: the endpoint and master secret, or the emulator's stand-in. */
export async function masterConnection(
  clients: AwsClients,
  identifier: string,
): Promise<{ config: pg.ClientConfig; endpoint: Endpoint }> {
  const { endpoint, masterSecretArn } = await describeDbEndpoint(clients, identifier);
  const engine = config().engine;
  if (engine.kind === 'emulated') {
    // The emulator's instances have no engine: one PostgreSQL server stands in for all of them.
    const url = new URL(engine.url);
    return {
      endpoint,
      config: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password) || undefined,
        database: url.pathname.slice(1) || 'postgres',
      },
    };
  }
  const arn = masterSecretArn;
  if (!arn)
    throw new Error(
      `${identifier} has no RDS-managed master secret (create it with ManageMasterUserPassword) : Fleetpane never holds master passwords itself`,
    );
  const master = await readMasterSecret(clients, arn);
  const ca = engine.caFile ? readFileSync(engine.caFile, 'utf8') : undefined;
  if (!ca)
    throw new Error('FLEETPANE_RDS_CA_FILE is not set: the RDS CA bundle is needed to verify the instance over TLS');
  return {
    endpoint,
    config: {
      ...endpoint,
      user: master.username,
      password: master.password,
      database: 'postgres',
      ssl: { ca, rejectUnauthorized: true },
    },
  };
}

export async function withClient<T>(cfg: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...cfg, connectionTimeoutMillis: 10_000, statement_timeout: 60_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}
