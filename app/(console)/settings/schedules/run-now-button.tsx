'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { runScheduleNowAction } from './actions';
import type { RunNowState } from './actions';

/** "Run now" for one job; the server action checks the caller. The page reloads to show the run. */
export function RunNowButton({ name }: { name: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<RunNowState, FormData>(runScheduleNowAction, {});
  useEffect(() => {
    if (!state.ok) return;
    const timer = setTimeout(() => router.refresh(), 1_500);
    return () => clearTimeout(timer);
  }, [state, router]);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="name" value={name} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Run ${name} now`}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? 'Asking…' : 'Run now'}
      </button>
      {state.message && (
        <span role={state.ok ? 'status' : 'alert'} className={`text-xs ${state.ok ? 'text-slate-600' : 'text-bad'}`}>
          {state.message}
        </span>
      )}
    </form>
  );
}
