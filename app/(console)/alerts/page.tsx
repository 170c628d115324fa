import { formatUtc } from '@/lib/format';
import type { Metadata } from 'next';
import Link from 'next/link';
import { SeverityBadge } from '@/components/alerts/alert-badge';
import { alertRuleKeys, alertRules } from '@/lib/alerts/alert-rules';
import { AppError } from '@/lib/app-error';
import { findAlerts } from '@/lib/server/alerts/find-alerts';
import { findMaintenanceWindows } from '@/lib/server/alerts/maintenance-windows';
import { findSilences } from '@/lib/server/alerts/silences';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { acknowledgeAlertAction } from './actions';
import { ActionForm } from './alert-forms';
import { HoldsSection } from './holds-section';

export const metadata: Metadata = { title: 'Alerts' };

const select = 'rounded border border-slate-300 px-2 py-1';

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await authorizePage('fleet:read');
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v));
  let list;
  let problem: string | null = null;
  try {
    list = await findAlerts(raw);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'bad-request') throw error;
    problem = error.message;
    list = await findAlerts({});
  }
  const [{ silences }, { windows }] = await Promise.all([findSilences(), findMaintenanceWindows()]);
  const canAck = can(user.role, 'alerts:ack');
  const open = list.alerts.filter((a) => a.status !== 'resolved');
  const history = list.alerts.filter((a) => a.status === 'resolved');
  return (
    <>
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <p className="mt-1 text-sm text-slate-600">
        One alert per chain and rule while its problem lasts. A new problem waits out a short group wait (pending)
        before anyone is told; silences and maintenance windows hold notifications.
        {can(user.role, 'alerts:channels') && (
          <>
            {' '}
            Where they go:{' '}
            <Link href="/settings/alert-channels" className="underline">
              alert channels
            </Link>
            .
          </>
        )}
      </p>
      <form method="get" className="mt-3 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">State</span>
          <select name="state" defaultValue={raw.state ?? ''} className={select}>
            <option value="">open, then history</option>
            {['open', 'firing', 'pending', 'resolved'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">Chain</span>
          <input name="chain" defaultValue={raw.chain} placeholder="slug" className={select} />
        </label>
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">Severity</span>
          <select name="severity" defaultValue={raw.severity ?? ''} className={select}>
            <option value="">any</option>
            <option value="page">page</option>
            <option value="ticket">ticket</option>
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-xs text-slate-600">Rule</span>
          <select name="rule" defaultValue={raw.rule ?? ''} className={select}>
            <option value="">any</option>
            {alertRuleKeys.map((r) => (
              <option key={r} value={r}>
                {alertRules[r].label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">
          Filter
        </button>
      </form>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-bad">
          {problem} (showing every alert)
        </p>
      )}

      <h2 className="mt-6 text-lg font-semibold">Open ({open.length})</h2>
      {open.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">Nothing is firing{raw.chain ? ` for ${raw.chain}` : ''}.</p>
      ) : (
        <AlertTable alerts={open} canAck={canAck} />
      )}
      <h2 className="mt-6 text-lg font-semibold">History</h2>
      {history.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No resolved alerts.</p>
      ) : (
        <AlertTable alerts={history} canAck={false} />
      )}
      {list.nextBefore && (
        <Link
          className="mt-2 inline-block text-sm underline"
          href={`/alerts?${new URLSearchParams({ ...raw, state: 'resolved', before: list.nextBefore })}`}
        >
          Older
        </Link>
      )}
      <HoldsSection silences={silences} windows={windows} canEdit={can(user.role, 'alerts:silence')} />
    </>
  );
}

type Alerts = Awaited<ReturnType<typeof findAlerts>>['alerts'];

function AlertTable({ alerts, canAck }: { alerts: Alerts; canAck: boolean }) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead className="text-xs text-slate-600">
        <tr>
          <th className="py-1">Severity</th>
          <th>State</th>
          <th>Chain</th>
          <th>Rule</th>
          <th>What</th>
          <th>Since</th>
          <th>Told</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id} className="border-t border-slate-200 align-top" data-fingerprint={a.fingerprint}>
            <td className="py-1">
              <SeverityBadge severity={a.severity} />
            </td>
            <td>
              {a.status}
              {a.status === 'resolved' && <span className="block text-xs text-slate-600">{formatUtc(a.endsAt)}</span>}
            </td>
            <td>
              <Link href={`/chains/${a.chain.slug}`} className="underline">
                {a.chain.name}
              </Link>
            </td>
            <td>{a.ruleLabel}</td>
            <td className="max-w-md">
              {a.summary}
              {Object.keys(a.detail).length > 0 && (
                <details className="text-xs text-slate-600">
                  <summary>details</summary>
                  <dl>
                    {Object.entries(a.detail).map(([k, v]) => (
                      <div key={k}>
                        <dt className="inline font-medium">{k}: </dt>
                        <dd className="inline">{v}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              )}
            </td>
            <td>{formatUtc(a.startsAt)}</td>
            <td className="text-xs">
              {a.heldBy ? <span className="block">held: {a.heldBy}</span> : null}
              {a.notifiedAt && Object.keys(a.deliveries).length === 0 ? (
                // Decided and queued to every channel that routes it: none did, so nobody was told.
                <span className="block text-bad">nobody: no channel routes it</span>
              ) : a.notifiedAt ? (
                <span className="block">
                  {formatUtc(a.notifiedAt)}
                  {a.reminders ? ` (${a.reminders} reminder${a.reminders === 1 ? '' : 's'})` : ''}
                </span>
              ) : a.status === 'pending' ? (
                'not yet (group wait)'
              ) : a.heldBy ? null : (
                'nobody'
              )}
              {Object.entries(a.deliveries).map(([s, n]) => (
                <span key={s} className="block text-slate-600">
                  {n} {s}
                </span>
              ))}
              {a.acknowledgedAt ? (
                <span className="block">acknowledged by {a.acknowledgedBy ?? 'someone'}</span>
              ) : (
                canAck &&
                a.status !== 'resolved' && (
                  <ActionForm action={acknowledgeAlertAction} submit="Acknowledge">
                    <input type="hidden" name="id" value={a.id} />
                  </ActionForm>
                )
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
