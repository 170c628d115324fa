import 'server-only';
import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { awsClients } from '@/lib/server/aws/clients';
import { describeAppInstances } from '@/lib/server/aws/ec2';
import { CHAIN_TAG, TAG } from '@/lib/server/aws/tags';
import { describeDbInstances } from '@/lib/server/aws/rds';
import { oneEngine } from '@/lib/server/engine/engine-connection';
import { createChainLogin } from '@/lib/server/engine/isolated-database';
import type { DemoChain } from './demo-chains';
import type { DemoFleet } from './demo-fleet';

const DEMO_AMI = 'ami-12c6146b';

function scopeOf(c: { region: string; accountId: string; roleArn?: string | null }) {
  return { region: c.region, accountId: c.accountId, roleArn: c.roleArn ?? null };
}

// Cost allocation: a chain's resources carry its slug in the chain tag; a shared instance carries
// "shared/<identifier>", so its cost can be split between the chains on it.
function tags(chain: DemoChain | null, sharedIdentifier?: string) {
  const base = [{ Key: TAG.managed, Value: 'true' }];
  return chain
    ? [...base, { Key: CHAIN_TAG, Value: chain.slug }, { Key: TAG.tier, Value: chain.tier }]
    : [...base, { Key: TAG.shared, Value: 'true' }, { Key: CHAIN_TAG, Value: `shared/${sharedIdentifier}` }];
}

/**
 * Creates whatever of the demo fleet the emulator lacks: RDS instances (dedicated and shared) and app
 * instances, tagged for cost allocation. Returns how many resources it created.
 */
export async function seedDemoAws(fleet: DemoFleet): Promise<{ created: number }> {
  let created = 0;
  const scopes = new Map<string, ReturnType<typeof scopeOf>>();
  for (const c of fleet.chains) scopes.set(`${c.accountId}/${c.region}`, scopeOf(c));
  for (const s of fleet.sharedInstances) {
    const roleArn = fleet.chains.find((c) => c.accountId === s.accountId)?.roleArn ?? null;
    scopes.set(`${s.accountId}/${s.region}`, scopeOf({ ...s, roleArn }));
  }
  for (const [key, scope] of scopes) {
    const clients = awsClients(scope);
    const [dbs, apps] = await Promise.all([describeDbInstances(clients), describeAppInstances(clients)]);
    const dbIds = new Set(dbs.instances.map((i) => i.identifier));
    const appSlugs = new Set(apps.instances.map((i) => i.chainSlug));
    const { rds, ec2 } = clients;
    const chains = fleet.chains.filter((c) => `${c.accountId}/${c.region}` === key);
    const shared = fleet.sharedInstances.filter((s) => `${s.accountId}/${s.region}` === key);
    for (const s of shared) {
      if (dbIds.has(s.identifier)) continue;
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: s.identifier,
          DBInstanceClass: s.instanceClass,
          Engine: 'postgres',
          EngineVersion: '16.4',
          AllocatedStorage: 200,
          MasterUsername: 'fleetpane_admin',
          ManageMasterUserPassword: true,
          MultiAZ: false,
          BackupRetentionPeriod: 7,
          StorageEncrypted: true,
          DeletionProtection: true,
          Tags: tags(null, s.identifier),
        }),
      );
      created += 1;
    }
    for (const c of chains) {
      if (c.database.kind === 'dedicated' && !dbIds.has(c.database.identifier)) {
        await rds.send(
          new CreateDBInstanceCommand({
            DBInstanceIdentifier: c.database.identifier,
            DBInstanceClass: c.database.instanceClass,
            Engine: 'postgres',
            EngineVersion: '16.4',
            AllocatedStorage: c.database.storageGb,
            MasterUsername: 'fleetpane_admin',
            ManageMasterUserPassword: true,
            MultiAZ: c.database.multiAz,
            BackupRetentionPeriod: c.database.backupRetentionDays,
            StorageEncrypted: true,
            DeletionProtection: c.database.deletionProtection,
            Tags: tags(c),
          }),
        );
        created += 1;
      }
      if (!appSlugs.has(c.slug)) {
        await ec2.send(
          new RunInstancesCommand({
            ImageId: DEMO_AMI,
            MinCount: 1,
            MaxCount: 1,
            InstanceType: c.appInstanceType as never,
            TagSpecifications: [{ ResourceType: 'instance', Tags: tags(c) }],
          }),
        );
        created += 1;
      }
      // What provisioning would have made: the login secret, and the database in the engine standing in for
      // the instance (both forgotten by every emulator restart).
      if (c.database.kind === 'shared' && oneEngine()) await createChainLogin(clients, c.slug, c.database.identifier);
    }
  }
  return { created };
}
