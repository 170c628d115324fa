'use client';

import { formatUtc } from '@/lib/format';
import { useActionState } from 'react';
import type { CheckTile } from '@/lib/server/checks/find-checks';
import { runNightlyCheckAction } from './actions';
import type { RunCheckState } from './actions';

/** The nightly check's last tally, and for ops and admins a button that runs it now. */
export function NightlyCheckTile({ tile, canRun }: { tile: CheckTile; canRun: boolean }) {
  const [state, action, pending] = useActionState<RunCheckState, FormData>(runNightlyCheckAction, {});
  return (
    <section aria-label="Nightly check" className="mt-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <span className="text-slate-600">Nightly check: </span>
      {tile ? (
        <span data-testid="nightly-check-tile">
          <span className="text-ok">{tile.ok} ok</span> · <span className="text-warn">{tile.warn} warn</span> ·{' '}
          <span className="text-bad">{tile.fail} fail</span>, at <time dateTime={tile.at}>{formatUtc(tile.at)}</time>
        </span>
      ) : (
        <span data-testid="nightly-check-tile">not run yet</span>
      )}
      {canRun && (
        <form action={action} className="ml-3 inline">
          <button
            type="submit"
            disabled={pending}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50 disabled:opacity-60"
          >
            {pending ? 'Checking…' : 'Run the nightly check now'}
          </button>
        </form>
      )}
      {state.message && (
        <span
          role={state.ok ? 'status' : 'alert'}
          className={`ml-2 text-xs ${state.ok ? 'text-slate-600' : 'text-bad'}`}
        >
          {state.message}
        </span>
      )}
    </section>
  );
}
