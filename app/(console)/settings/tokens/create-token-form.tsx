'use client';

import { useActionState } from 'react';
import { createTokenAction } from './actions';
import type { CreateTokenState } from './actions';

export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  return (
    <form action={action} className="mt-4 space-y-2" aria-describedby="token-status">
      <label className="block text-sm">
        <span className="font-medium">Token name</span>
        <input
          name="name"
          required
          maxLength={60}
          placeholder="CI pipeline"
          aria-invalid={!!state.errors?.name}
          aria-describedby={state.errors?.name ? 'name-error' : undefined}
          className="mt-1 block w-72 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      {state.errors?.name && (
        <p id="name-error" className="text-sm text-bad">
          {state.errors.name.join(' ')}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {pending ? 'Creating…' : 'Create token'}
      </button>
      <div id="token-status" aria-live="polite" className="text-sm">
        {state.message && <p>{state.message}</p>}
        {state.token && (
          <output
            data-testid="new-token"
            className="mt-1 block break-all rounded bg-amber-50 p-2 font-mono text-xs ring-1 ring-amber-300"
          >
            {state.token}
          </output>
        )}
      </div>
    </form>
  );
}
