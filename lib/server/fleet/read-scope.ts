import 'server-only';
import { awsClients } from '@/lib/server/aws/clients';
import type { AwsScope } from '@/lib/server/aws/clients';
import { describeChainAlarms } from '@/lib/server/aws/cloudwatch-alarms';
import { describeAwsError } from '@/lib/server/aws/describe-aws-error';
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
  /** Null when the alarms could not be read: the chains keep the alarms last read (see below). */
  alarms: Map<string, ChainAlarm[]> | null;
};

/**
 * Reads one account and region; throws when one of its deployment reads failed (the scope's rows are then
 * stale). The alarms are an extra: a role without CloudWatch alarm access, or a throttled tag read, does not
 * make the chains unreadable; they keep the alarms last read and the failure is logged.
 */
export async function readScope(scope: AwsScope): Promise<{ state: ScopeState; calls: number }> {
  const clients = awsClients(scope);
  const [dbs, snaps, apps, alarms] = await Promise.all([
    describeDbInstances(clients),
    describeRecentSnapshots(clients),
    describeAppInstances(clients),
    describeChainAlarms(clients).catch((error: unknown) => {
      console.warn(`collector: ${scope.accountId}/${scope.region} alarms not read: ${describeAwsError(error)}`);
      return { alarms: null, calls: 1 };
    }),
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
