import { PutMetricAlarmCommand, SetAlarmStateCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import type { AlertDto } from '../../lib/alerts/alert-dto';
import type { auditWalk } from './audit-walk-kit';

// The audit walk's alert cases (e2e/audit-walk.spec.ts), on the walk's own chain: two alerts made for real (a
// CloudWatch alarm tagged with the chain, and a flag parameter changed by hand), one acknowledged through the
// API and one through the page; silences and maintenance windows made and ended through both.

export async function walkAlerts(
  kit: ReturnType<typeof auditWalk>,
  admin: APIRequestContext,
  SLUG: string,
  flag: string,
): Promise<void> {
  const { audited, send, action } = kit;
  const page = 'app/(console)/alerts/actions.ts';
  const schedules = 'app/(console)/settings/schedules/actions.ts';
  const cloudwatch = new CloudWatchClient({ region: 'us-east-1', maxAttempts: 1 });
  const alarm = `audit-walk-${SLUG}`;
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: alarm,
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 90,
      ComparisonOperator: 'GreaterThanThreshold',
      Tags: [{ Key: 'fleetpane:chain', Value: SLUG }],
    }),
  );
  await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'ALARM', StateReason: 'audit walk' }));
  await new SSMClient({ region: 'us-east-1', maxAttempts: 1 }).send(
    new PutParameterCommand({ Name: `/fleetpane/${SLUG}/flags/${flag}`, Value: '42', Overwrite: true }),
  );
  for (const job of ['collector', 'flag-drift']) await action('runScheduleNowAction', schedules, { name: job });
  const open = async () =>
    ((await (await admin.get(`/api/v1/alerts?chain=${SLUG}&state=open`)).json()) as { alerts: AlertDto[] }).alerts;
  await expect
    .poll(async () => (await open()).map((a) => a.rule).sort(), { timeout: 90_000, intervals: [1_000] })
    .toEqual(['cloudwatch-alarm', 'flag-drift']);
  const [byApi, byPage] = await open();
  await audited('POST /api/v1/alerts/[id]/ack', await send(admin, 'POST', `/api/v1/alerts/${byApi!.id}/ack`), {
    action: 'alert.acknowledged',
    chain: SLUG,
    before: { acknowledgedAt: null },
  });
  await audited(
    'action acknowledgeAlertAction',
    await action('acknowledgeAlertAction', page, { id: byPage!.id }, '/alerts'),
    {
      action: 'alert.acknowledged',
      chain: SLUG,
    },
  );

  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const silence = await send(admin, 'POST', '/api/v1/silences', { chain: SLUG, endsAt, reason: 'audit walk' });
  await audited('POST /api/v1/silences', silence, {
    action: 'silence.created',
    chain: SLUG,
    after: { reason: 'audit walk' },
  });
  const silenceId = ((await silence.json()) as { silence: { id: string } }).silence.id;
  await audited(
    'POST /api/v1/silences/[id]/expire',
    await send(admin, 'POST', `/api/v1/silences/${silenceId}/expire`),
    {
      action: 'silence.expired',
      chain: SLUG,
    },
  );
  await audited(
    'action createSilenceAction',
    await action(
      'createSilenceAction',
      page,
      { chain: SLUG, rule: 'flag-drift', hours: '1', reason: 'audit walk page' },
      '/alerts',
    ),
    { action: 'silence.created', chain: SLUG, after: { rule: 'flag-drift', reason: 'audit walk page' } },
  );
  const silences = (
    (await (await admin.get('/api/v1/silences')).json()) as {
      silences: { id: string; reason: string; active: boolean }[];
    }
  ).silences;
  const second = silences.find((s) => s.reason === 'audit walk page' && s.active)!;
  await audited('action expireSilenceAction', await action('expireSilenceAction', page, { id: second.id }, '/alerts'), {
    action: 'silence.expired',
    chain: SLUG,
  });

  const window = await send(admin, 'POST', '/api/v1/maintenance-windows', {
    chain: SLUG,
    cron: '0 2 * * SUN',
    durationMinutes: 120,
    reason: 'audit walk',
  });
  await audited('POST /api/v1/maintenance-windows', window, {
    action: 'maintenance-window.created',
    chain: SLUG,
    after: { cron: '0 2 * * SUN', durationMinutes: 120 },
  });
  const windowId = ((await window.json()) as { window: { id: string } }).window.id;
  await audited(
    'DELETE /api/v1/maintenance-windows/[id]',
    await send(admin, 'DELETE', `/api/v1/maintenance-windows/${windowId}`),
    {
      action: 'maintenance-window.deleted',
      chain: SLUG,
      before: { cron: '0 2 * * SUN' },
    },
  );
  await audited(
    'action createMaintenanceWindowAction',
    await action(
      'createMaintenanceWindowAction',
      page,
      { chain: SLUG, cron: '30 1 * * SAT', durationMinutes: '60', reason: 'audit walk page' },
      '/alerts',
    ),
    { action: 'maintenance-window.created', chain: SLUG, after: { cron: '30 1 * * SAT' } },
  );
  const windows = (
    (await (await admin.get(`/api/v1/maintenance-windows?chain=${SLUG}`)).json()) as { windows: { id: string }[] }
  ).windows;
  await audited(
    'action deleteMaintenanceWindowAction',
    await action('deleteMaintenanceWindowAction', page, { id: windows[0]!.id }, '/alerts'),
    {
      action: 'maintenance-window.deleted',
      chain: SLUG,
    },
  );
  await cloudwatch.send(
    new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'OK', StateReason: 'audit walk done' }),
  );
}
