import 'server-only';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

// The one AWS client factory. Endpoints come from the SDK's own configuration (AWS_ENDPOINT_URL points
// every client at the local emulator), so the same code talks to AWS in production.

/** Where a chain's resources live: an account (ours, or the chain's own reached through a role) and a region. */
export type AwsScope = { region: string; accountId: string; roleArn?: string | null };

export type AwsClients = {
  rds: RDSClient;
  ec2: EC2Client;
  cloudwatch: CloudWatchClient;
  costExplorer: CostExplorerClient;
  ssm: SSMClient;
  secrets: SecretsManagerClient;
};

const clientDefaults = {
  maxAttempts: 4,
  retryMode: 'adaptive',
  // A call AWS does not answer fails after 15 s (and is retried): the SDK's default only logs a warning and
  // waits on, so a hung endpoint would hold a collector pass or an operation's step for as long as it hangs.
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
  // Large PutMetricData bodies fail against the emulator when compressed; AWS accepts both.
  disableRequestCompression: true,
} as const;

const cache = new Map<string, AwsClients>();

export function scopeKey(scope: AwsScope): string {
  return `${scope.accountId}/${scope.region}`;
}

export function awsClients(scope: AwsScope): AwsClients {
  const key = `${scopeKey(scope)}/${scope.roleArn ?? ''}`;
  let clients = cache.get(key);
  if (!clients) {
    const credentials = scope.roleArn
      ? fromTemporaryCredentials({
          params: { RoleArn: scope.roleArn, RoleSessionName: 'fleetpane', DurationSeconds: 3_600 },
          clientConfig: {
            region: scope.region,
            maxAttempts: clientDefaults.maxAttempts,
            requestHandler: clientDefaults.requestHandler,
          },
        })
      : undefined;
    const options = { ...clientDefaults, region: scope.region, credentials };
    clients = {
      rds: new RDSClient(options),
      ec2: new EC2Client(options),
      cloudwatch: new CloudWatchClient(options),
      costExplorer: new CostExplorerClient(options),
      ssm: new SSMClient(options),
      secrets: new SecretsManagerClient(options),
    };
    cache.set(key, clients);
  }
  return clients;
}

/** Route 53 publishes health-check metrics in us-east-1 only, whatever the chain's region. */
export const HEALTH_METRIC_REGION = 'us-east-1';
