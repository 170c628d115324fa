import 'server-only';
import {
  DescribeInstancesCommand,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { _InstanceType } from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients';
import { CHAIN_TAG } from './tags';
import type { AwsTag } from './tags';

// The changes operations make to one chain's app instance; each is safe to repeat.

export async function describeAppInstance(
  clients: AwsClients,
  instanceId: string,
): Promise<{ state: string | null; instanceType: string | null }> {
  const out = await clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const i = out.Reservations?.[0]?.Instances?.[0];
  if (!i) throw new Error(`EC2 has no instance ${instanceId}.`);
  return { state: i.State?.Name ?? null, instanceType: i.InstanceType ?? null };
}

export async function stopAppInstance(clients: AwsClients, instanceId: string): Promise<void> {
  await clients.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
}

export async function startAppInstance(clients: AwsClients, instanceId: string): Promise<void> {
  await clients.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
}

export async function setAppInstanceType(clients: AwsClients, instanceId: string, instanceType: string): Promise<void> {
  await clients.ec2.send(
    new ModifyInstanceAttributeCommand({ InstanceId: instanceId, InstanceType: { Value: instanceType } }),
  );
}

export async function terminateAppInstance(clients: AwsClients, instanceId: string): Promise<void> {
  await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
}

/** The chain's app instance that is not terminated, found by its chain tag (a resumed launch finds it). */
export async function findChainAppInstance(clients: AwsClients, slug: string): Promise<string | null> {
  const out = await clients.ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: `tag:${CHAIN_TAG}`, Values: [slug] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] },
      ],
    }),
  );
  return out.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId)?.InstanceId ?? null;
}

/** Launches a chain's app instance with its tags. */
export async function launchAppInstance(
  clients: AwsClients,
  launch: { ami: string; instanceType: string; tags: AwsTag[] },
): Promise<string> {
  const out = await clients.ec2.send(
    new RunInstancesCommand({
      ImageId: launch.ami,
      MinCount: 1,
      MaxCount: 1,
      InstanceType: launch.instanceType as _InstanceType,
      TagSpecifications: [{ ResourceType: 'instance', Tags: launch.tags }],
    }),
  );
  const id = out.Instances?.[0]?.InstanceId;
  if (!id) throw new Error('EC2 returned no instance');
  return id;
}
