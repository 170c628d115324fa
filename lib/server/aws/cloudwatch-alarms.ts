import 'server-only';
import { DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from './clients';
import { CHAIN_TAG } from './tags';

export type ChainAlarm = { name: string; reason: string; since: string };

// Alarms in ALARM state are few (a healthy account has none): one DescribeAlarms, then the tags of each
// alarm in ALARM only, to find the chain it is tagged with. Tags are read a few at a time.
const TAG_READS_AT_ONCE = 5;

/** The CloudWatch alarms in ALARM state of one account and region, by the chain they are tagged with. */
export async function describeChainAlarms(
  clients: AwsClients,
): Promise<{ alarms: Map<string, ChainAlarm[]>; calls: number }> {
  const firing: { arn: string; alarm: ChainAlarm }[] = [];
  let nextToken: string | undefined;
  let calls = 0;
  do {
    const page = await clients.cloudwatch.send(
      new DescribeAlarmsCommand({ StateValue: 'ALARM', MaxRecords: 100, NextToken: nextToken }),
    );
    calls += 1;
    for (const a of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
      if (!a.AlarmArn || !a.AlarmName) continue;
      firing.push({
        arn: a.AlarmArn,
        alarm: {
          name: a.AlarmName,
          reason: a.StateReason ?? '',
          since: (a.StateUpdatedTimestamp ?? new Date()).toISOString(),
        },
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);

  const alarms = new Map<string, ChainAlarm[]>();
  for (let i = 0; i < firing.length; i += TAG_READS_AT_ONCE) {
    const batch = firing.slice(i, i + TAG_READS_AT_ONCE);
    const tags = await Promise.all(
      batch.map((f) => clients.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: f.arn }))),
    );
    calls += batch.length;
    batch.forEach((f, j) => {
      const slug = tags[j]!.Tags?.find((t) => t.Key === CHAIN_TAG)?.Value;
      if (slug) alarms.set(slug, [...(alarms.get(slug) ?? []), f.alarm]);
    });
  }
  return { alarms, calls };
}
