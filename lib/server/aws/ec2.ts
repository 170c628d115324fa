import 'server-only';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients';
import { CHAIN_TAG } from './tags';

export type AppInstanceState = {
  instanceId: string;
  chainSlug: string;
  instanceType: string | null;
  state: string | null;
};

/** Every app instance tagged with a chain in one account and region (terminated ones left out). */
export async function describeAppInstances(
  clients: AwsClients,
): Promise<{ instances: AppInstanceState[]; calls: number }> {
  const instances: AppInstanceState[] = [];
  let nextToken: string | undefined;
  let calls = 0;
  do {
    const page = await clients.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag-key', Values: [CHAIN_TAG] },
          { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] },
        ],
        MaxResults: 1000,
        NextToken: nextToken,
      }),
    );
    calls += 1;
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        const slug = instance.Tags?.find((t) => t.Key === CHAIN_TAG)?.Value;
        if (!instance.InstanceId || !slug) continue;
        instances.push({
          instanceId: instance.InstanceId,
          chainSlug: slug,
          instanceType: instance.InstanceType ?? null,
          state: instance.State?.Name ?? null,
        });
      }
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return { instances, calls };
}
