import 'server-only';
import { config } from '@/lib/config';
import { runAlertDeliveries } from '@/lib/server/alerts/deliver-notifications';
import { DELIVERY_JOB } from '@/lib/server/alerts/queue-notifications';
import { nightlyCheckDue } from '@/lib/server/checks/nightly-schedule';
import { runNightlyCheck } from '@/lib/server/checks/run-nightly-check';
import { costIngestDue } from '@/lib/server/finance/ingest-schedule';
import { ingestCosts } from '@/lib/server/finance/ingest-costs';
import { backfillHealthHistory } from '@/lib/server/fleet/backfill-health';
import { evaluateAlerts } from '@/lib/server/alerts/evaluate-alerts';
import { collectFleet } from '@/lib/server/fleet/collect-fleet';
import { checkFlagDrift } from '@/lib/server/flags/check-flag-drift';
import { startDueRollouts } from '@/lib/server/flags/rollout-wave';
import type { Job } from './scheduler';

// The recurring jobs every worker runs (through the scheduler: once across all workers). A new one is an
// entry here: a unique name, a schedule (`{ cron }` in UTC or `{ everySeconds }`), and a run function that
// answers a short line for the schedules page and throws when the run failed.

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Reads the fleet from AWS: every collect interval, and at once when a worker starts. */
export async function runCollector(): Promise<string> {
  const r = await collectFleet();
  if (r.skipped) return 'Skipped: another pass held the collector lease (e.g. "Refresh now" in another process).';
  const summary = `${r.chains} chains, ${r.awsCalls} AWS calls, ${r.healthSamples} health samples in ${seconds(r.durationMs)}`;
  if (r.failedScopes.length)
    throw new Error(
      `${summary}; ${r.failedScopes.length} scope(s) failed: ${r.failedScopes.map((f) => `${f.scope} ${f.reason}`).join('; ')}`,
    );
  return summary;
}

/** Reads every chain's flag parameters back and records their drift. */
export async function runFlagDrift(): Promise<string> {
  const r = await checkFlagDrift();
  const summary = `${r.chains} chains, ${r.flags} flag parameters: ${r.byDrift.in_sync} in sync, ${r.byDrift.modified} modified, ${r.byDrift.missing} missing, ${r.byDrift.unknown} unknown`;
  if (r.byDrift.unknown) throw new Error(`${summary} (some could not be read)`);
  return summary;
}

/** The alert rules over what was last read: opens, fires, reminds and resolves alerts, queueing their notifications. */
export async function runAlerts(): Promise<string> {
  const r = await evaluateAlerts();
  return `${r.signals} problem(s) seen: ${r.opened} new, ${r.fired} fired, ${r.reminded} reminded, ${r.resolved} resolved; ${r.queued} notification(s) queued`;
}

/** Reads Cost Explorer for every account (the same as "Read Cost Explorer now"). */
export async function runCostIngest(): Promise<string> {
  const r = await ingestCosts();
  const summary = `${r.accounts} account(s), ${r.lines} cost lines, ${r.calls} Cost Explorer calls`;
  if (r.failures.length)
    throw new Error(`${summary}; failed: ${r.failures.map((f) => `${f.account} ${f.reason}`).join('; ')}`);
  return summary;
}

/** The nightly check over the fleet, its drills queued and its summaries sent. */
export async function runScheduledCheck(): Promise<string> {
  const r = await runNightlyCheck({ trigger: 'schedule', notify: true });
  return `${r.chains.length} chains: ${r.counts.ok} ok, ${r.counts.warn} warn, ${r.counts.fail} fail; ${r.drillsQueued} drill(s) queued; ${r.fleetItems.length} fleet finding(s)`;
}

export function workerJobs(): Job[] {
  return [
    {
      name: 'collector',
      schedule: { everySeconds: config().collectIntervalSeconds },
      runAtStartup: true,
      run: runCollector,
    },
    {
      // Older health history, a slice at a time, newest first, 20 s of reading per run: never in a pass's way.
      name: 'health-history',
      schedule: { everySeconds: 30 },
      runAtStartup: true,
      run: ({ signal }) => backfillHealthHistory({ budgetMs: 20_000, signal }),
    },
    {
      // On the collector's schedule, apart from its pass: a slow Parameter Store never delays the pane.
      name: 'flag-drift',
      schedule: { everySeconds: config().collectIntervalSeconds },
      runAtStartup: true,
      run: runFlagDrift,
    },
    {
      // Scheduled flag rollouts whose time has come: each started once, or suspended.
      name: 'flag-rollouts',
      schedule: { everySeconds: 15 },
      runAtStartup: true,
      run: startDueRollouts,
    },
    {
      // After every collector pass (it asks for a run) and every 15 s: the group wait and reminders are times.
      name: 'alerts',
      schedule: { everySeconds: 15 },
      runAtStartup: true,
      run: runAlerts,
    },
    {
      // The alert notification queue: every few seconds, and at once when something is queued (wakeDeliveries).
      name: DELIVERY_JOB,
      schedule: { everySeconds: 5 },
      runAtStartup: true,
      run: runAlertDeliveries,
    },
    {
      name: 'cost-ingest',
      schedule: { cron: '0 2 * * *' },
      // Also at start-up when no run has finished since the last 02:00 (e.g. it never ran).
      runAtStartup: () => costIngestDue(),
      run: runCostIngest,
    },
    {
      name: 'nightly-check',
      schedule: { cron: '0 3 * * *' },
      // At start-up too when no scheduled run has finished since the last 03:00 and the fleet was read before
      // (not on a first start: nothing is read yet). It reads only the database (what the collector and drift
      // wrote; about 50 ms over the demo fleet) and queues drills for the runner: no minute of a start spent.
      runAtStartup: () => nightlyCheckDue(),
      run: runScheduledCheck,
    },
  ];
}
