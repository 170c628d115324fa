import 'server-only';
import { awsClients } from '@/lib/server/aws/clients';
import type { AwsScope } from '@/lib/server/aws/clients';
import { describeChainAlarms } from '@/lib/server/aws/cloudwatch-alarms';
import type { ChainAlarm } from '@/lib/server/aws/cloudwatch-alarms';
import { describeAppInstances } from '@/lib/server/aws/ec2';
import type { AppInstanceState } from '@/lib/server/aws/ec2';
import { describeDbInstances, describeRecentSnapshots } from '@/lib/server/aws/rds';
import type { DbInstanceState, SnapshotInfo } from '@/lib/server/aws/rds';

// What a collector pass reads of one account and region, in parallel: its RDS instances and snapshots, its
// app instances, and its CloudWatch alarms in ALARM state, each by the chain it belongs to.

export type ScopeState = {
  db: Map<string, DbInstanceState>;
  snapshots: Map<string, SnapshotInfo[]>;
  apps: Map<string, AppInstanceState>;
  alarms: Map<string, ChainAlarm[]>;
};

/** Reads one account and region; throws when any of its reads failed (the scope's rows are then stale). */
export async function readScope(scope: AwsScope): Promise<{ state: ScopeState; calls: number }> {
  const clients = awsClients(scope);
  const [dbs, snaps, apps, alarms] = await Promise.all([
    describeDbInstances(clients),
    describeRecentSnapshots(clients),
    describeAppInstances(clients),
    describeChainAlarms(clients),
  ]);
  return {
    state: {
      db: new Map(dbs.instances.map((i) => [i.identifier, i])),
      snapshots: snaps.snapshots,
      apps: new Map(apps.instances.map((i) => [i.chainSlug, i])),
      alarms: alarms.alarms,
    },
    calls: dbs.calls + snaps.calls + apps.calls + alarms.calls,
  };
}
