import type { Metadata } from 'next';
import { authorizePage } from '@/lib/server/auth/authorize';
import { findSchedules } from '@/lib/server/schedule/find-schedules';
import { RunNowButton } from './run-now-button';

// The recurring jobs (lib/server/schedule/jobs.ts) as the Schedule table has them: admins only. Rendered on
// the server, times in UTC, so server and browser show the same text.

export const metadata: Metadata = { title: 'Recurring jobs' };

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : '—');

function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export default async function SchedulesPage() {
  await authorizePage('schedules:manage');
  const schedules = await findSchedules();
  return (
    <>
      <h1 className="text-2xl font-semibold">Recurring jobs</h1>
      <p className="mt-1 max-w-4xl text-sm text-slate-600">
        Each job runs once across all workers. One that was due while no worker ran (a restart at 02:00) runs once when
        a worker starts, then on its schedule. <strong>Run now</strong> makes a job due at once; asked while it runs, it
        runs again right after.
      </p>
      {schedules.length === 0 && (
        <p className="mt-4 text-sm text-slate-600">No worker has started yet: the jobs appear when one does.</p>
      )}
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="schedules">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              {['Job', 'Schedule', 'Last run', 'Result', 'Next run', 'Now', ''].map((h, i) => (
                <th key={i} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {schedules.map((s) => (
              <tr key={s.name} data-job={s.name}>
                <td className="px-3 py-2 font-medium">{s.name}</td>
                <td className="px-3 py-2">
                  {s.schedule}
                  <div className="font-mono text-xs text-slate-500">{s.expression}</div>
                </td>
                <td className="px-3 py-2 tabular-nums">
                  {s.last ? (
                    <>
                      {utc(s.last.startedAt)}
                      <div className="text-xs text-slate-500">took {duration(s.last.durationMs)}</div>
                    </>
                  ) : (
                    'never'
                  )}
                </td>
                <td className="max-w-md px-3 py-2">
                  {s.last && (
                    <>
                      <span className={s.last.status === 'ok' ? 'text-ok' : 'font-medium text-bad'}>
                        {s.last.status === 'ok' ? 'ok' : 'failed'}
                      </span>
                      <div className="text-xs break-words text-slate-600">{s.last.error ?? s.last.detail}</div>
                    </>
                  )}
                </td>
                <td className="px-3 py-2 tabular-nums">
                  {utc(s.nextRunAt)}
                  {s.due && <div className="text-xs text-slate-500">due now</div>}
                </td>
                <td className="px-3 py-2">
                  {s.running ? (
                    <>
                      running since {utc(s.running.since)}
                      <div className="font-mono text-xs text-slate-500">on {s.running.by}</div>
                    </>
                  ) : s.abandonedBy ? (
                    <span className="text-xs text-slate-600">{s.abandonedBy} stopped during a run; it runs again</span>
                  ) : (
                    <span className="text-slate-500">idle</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <RunNowButton name={s.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
