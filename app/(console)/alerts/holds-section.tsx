import { formatUtc } from '@/lib/format';
import { alertRuleKeys, alertRules, ruleLabel } from '@/lib/alerts/alert-rules';
import type { MaintenanceWindowDto, SilenceDto } from '@/lib/alerts/alert-dto';
import {
  createMaintenanceWindowAction,
  createSilenceAction,
  deleteMaintenanceWindowAction,
  expireSilenceAction,
} from './actions';
import { ActionForm } from './alert-forms';

// Silences and maintenance windows: what holds notifications now and next; ops and admins add and end them.

const input = 'rounded border border-slate-300 px-2 py-1 text-sm';

export function HoldsSection({
  silences,
  windows,
  canEdit,
}: {
  silences: SilenceDto[];
  windows: MaintenanceWindowDto[];
  canEdit: boolean;
}) {
  return (
    <>
      <h2 className="mt-8 text-lg font-semibold">Silences</h2>
      {silences.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No silences.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {silences.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2">
              <span className={s.active ? 'font-medium' : 'text-slate-600'}>
                {s.chain?.name ?? 'every chain'} · {s.rule ? ruleLabel(s.rule) : 'every rule'} · {formatUtc(s.startsAt)}{' '}
                → {formatUtc(s.expiredAt ?? s.endsAt)}
                {s.expiredAt
                  ? ' (ended early)'
                  : s.active
                    ? ' (active)'
                    : Date.parse(s.startsAt) > Date.now()
                      ? ' (upcoming)'
                      : ' (ended)'}{' '}
                · {s.reason}
                {s.createdBy ? ` · ${s.createdBy}` : ''}
              </span>
              {canEdit && !s.expiredAt && Date.parse(s.endsAt) > Date.now() && (
                <ActionForm action={expireSilenceAction} submit="End now">
                  <input type="hidden" name="id" value={s.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <ActionForm action={createSilenceAction} submit="Silence" className="mt-3 flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs">
            Chain (slug)
            <input name="chain" placeholder="every chain" className={input} />
          </label>
          <label className="flex flex-col text-xs">
            Rule
            <select name="rule" className={input} defaultValue="">
              <option value="">every rule</option>
              {alertRuleKeys.map((r) => (
                <option key={r} value={r}>
                  {alertRules[r].label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs">
            For (hours)
            <input name="hours" type="number" step="0.25" min="0.25" max="720" defaultValue="2" className={input} />
          </label>
          <label className="flex flex-col text-xs">
            Reason
            <input name="reason" required minLength={3} className={input} />
          </label>
        </ActionForm>
      )}

      <h2 className="mt-8 text-lg font-semibold">Maintenance windows</h2>
      {windows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No maintenance windows.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {windows.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-2">
              <span>
                {w.chain.name} · <code>{w.cron}</code> (UTC) for {w.durationMinutes} min · {w.reason} ·{' '}
                {w.openUntil ? (
                  <strong>open until {formatUtc(w.openUntil)}</strong>
                ) : (
                  `next ${formatUtc(w.nextOpening)}`
                )}
              </span>
              {canEdit && (
                <ActionForm action={deleteMaintenanceWindowAction} submit="Delete">
                  <input type="hidden" name="id" value={w.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <ActionForm
          action={createMaintenanceWindowAction}
          submit="Add window"
          className="mt-3 flex flex-wrap items-end gap-2"
        >
          <label className="flex flex-col text-xs">
            Chain (slug)
            <input name="chain" required className={input} />
          </label>
          <label className="flex flex-col text-xs">
            Opens (cron, UTC)
            <input name="cron" required placeholder="0 2 * * SUN" className={input} />
          </label>
          <label className="flex flex-col text-xs">
            Minutes
            <input name="durationMinutes" type="number" min="5" max="1440" defaultValue="120" className={input} />
          </label>
          <label className="flex flex-col text-xs">
            Reason
            <input name="reason" required minLength={3} className={input} />
          </label>
        </ActionForm>
      )}
    </>
  );
}
