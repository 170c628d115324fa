'use client';

import { useActionState } from 'react';
import type { ReactNode } from 'react';
import type { AlertFormState } from './actions';

// One form of the alerts page around a server action: what it answered, beside the button.

type Action = (state: AlertFormState, formData: FormData) => Promise<AlertFormState>;

export function ActionForm({
  action,
  submit,
  children,
  className = 'inline-flex flex-wrap items-end gap-2',
}: {
  action: Action;
  submit: string;
  children?: ReactNode;
  className?: string;
}) {
  const [state, run, pending] = useActionState<AlertFormState, FormData>(action, {});
  const detail = Object.values(state.errors ?? {}).flat();
  return (
    <form action={run} className={className}>
      {children}
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60"
      >
        {submit}
      </button>
      {state.message && (
        <span role={state.ok ? 'status' : 'alert'} className={`text-xs ${state.ok ? 'text-slate-600' : 'text-bad'}`}>
          {state.message}
          {detail.length > 0 && ` ${detail.join('; ')}`}
        </span>
      )}
    </form>
  );
}
