import 'server-only';
import { randomBytes } from 'node:crypto';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { AwsClients } from './clients';
import { chainTags } from './tags';

// Database credentials in Secrets Manager: the master secret RDS manages for an instance
// (ManageMasterUserPassword), and each chain's own login on a shared instance, kept as
// fleetpane/<slug>/database in the standard RDS secret shape, where the chain's app reads it.

const credentialsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });
export type DbCredentials = z.infer<typeof credentialsSchema>;

export const chainSecretName = (slug: string) => `fleetpane/${slug}/database`;

const isNotFound = (error: unknown) => (error as { name?: string }).name === 'ResourceNotFoundException';

async function readSecret(clients: AwsClients, secretId: string): Promise<DbCredentials | null> {
  try {
    const out = await clients.secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
    const parsed = credentialsSchema.safeParse(JSON.parse(out.SecretString ?? 'null'));
    if (!parsed.success) throw new Error(`secret ${secretId} holds no username and password`);
    return parsed.data;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The master credentials RDS keeps for an instance. */
export async function readMasterSecret(clients: AwsClients, secretArn: string): Promise<DbCredentials> {
  const found = await readSecret(clients, secretArn);
  if (!found) throw new Error(`the instance's master secret ${secretArn} is gone`);
  return found;
}

/**
 * The chain's own login: read back when it exists (a resumed provisioning keeps the first password),
 * else a new random password is stored. Returns the credentials to create the login with.
 */
export async function ensureChainSecret(
  clients: AwsClients,
  slug: string,
  where: { host: string; port: number; dbname: string; username: string; dbInstanceIdentifier: string },
): Promise<DbCredentials & { created: boolean }> {
  const existing = await readSecret(clients, chainSecretName(slug));
  if (existing) return { ...existing, created: false };
  const password = randomBytes(24).toString('base64url');
  await clients.secrets.send(
    new CreateSecretCommand({
      Name: chainSecretName(slug),
      Description: `Login of ${slug} to its own database on ${where.dbInstanceIdentifier}`,
      SecretString: JSON.stringify({ engine: 'postgres', ...where, password }),
      Tags: chainTags(slug),
    }),
  );
  return { username: where.username, password, created: true };
}

/** Points the chain's login secret at another instance (the login and password stay). */
export async function pointChainSecret(
  clients: AwsClients,
  slug: string,
  where: { host: string; port: number; dbInstanceIdentifier: string },
): Promise<void> {
  const out = await clients.secrets.send(new GetSecretValueCommand({ SecretId: chainSecretName(slug) }));
  const current = z.record(z.string(), z.unknown()).parse(JSON.parse(out.SecretString ?? '{}'));
  await clients.secrets.send(
    new PutSecretValueCommand({
      SecretId: chainSecretName(slug),
      SecretString: JSON.stringify({ ...current, ...where }),
    }),
  );
}

export async function deleteChainSecret(clients: AwsClients, slug: string): Promise<'deleted' | 'gone'> {
  try {
    await clients.secrets.send(
      new DeleteSecretCommand({ SecretId: chainSecretName(slug), ForceDeleteWithoutRecovery: true }),
    );
    return 'deleted';
  } catch (error) {
    if (isNotFound(error)) return 'gone';
    throw error;
  }
}
