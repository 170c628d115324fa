import type { UserFormState } from './actions';

/** A form's answer: a status when it worked, an alert when it did not. */
export function FormMessage({ state, className = '' }: { state: UserFormState; className?: string }) {
  if (!state.message) return null;
  return (
    <p role={state.done ? 'status' : 'alert'} className={`text-sm ${state.done ? 'text-ok' : 'text-bad'} ${className}`}>
      {state.message}
    </p>
  );
}

export const buttonClass =
  'rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60';
export const smallButtonClass = 'rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-60';
