import 'server-only';
import {
  DescribeInstancesCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients';

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
