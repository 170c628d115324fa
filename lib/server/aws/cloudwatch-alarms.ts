import 'server-only';
import { DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from './clients';
import { CHAIN_TAG } from './tags';

export type ChainAlarm = { name: string; reason: string; since: string };

// Alarms in ALARM state are few (a healthy account has none): one DescribeAlarms, then the tags of each
// alarm in ALARM only, to find the chain it is tagged with, a few at a time. An alarm's tags are kept for an
// hour (by ARN): an account with many firing alarms of its own is not asked for their tags on every pass.
const TAG_READS_AT_ONCE = 5;
const TAGS_KEPT_MS = 3_600_000;
const chainOfAlarm = new Map<string, { slug: string | null; at: number }>();

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

  const now = Date.now();
  const unknown = firing.filter((f) => (chainOfAlarm.get(f.arn)?.at ?? 0) < now - TAGS_KEPT_MS);
  for (let i = 0; i < unknown.length; i += TAG_READS_AT_ONCE) {
    const batch = unknown.slice(i, i + TAG_READS_AT_ONCE);
    const tags = await Promise.all(
      batch.map((f) => clients.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: f.arn }))),
    );
    calls += batch.length;
    batch.forEach((f, j) => {
      chainOfAlarm.set(f.arn, { slug: tags[j]!.Tags?.find((t) => t.Key === CHAIN_TAG)?.Value ?? null, at: now });
    });
  }
  const alarms = new Map<string, ChainAlarm[]>();
  for (const f of firing) {
    const slug = chainOfAlarm.get(f.arn)?.slug;
    if (slug) alarms.set(slug, [...(alarms.get(slug) ?? []), f.alarm]);
  }
  return { alarms, calls };
}
