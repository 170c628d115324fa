'use client';

import { useActionState } from 'react';
import { FieldErrors, FormField, inputClass } from '@/components/ui/form-field';
import type { ChainManagerDto } from '@/lib/server/users/find-chain-managers';
import { reassignChainsAction } from './actions';
import type { UserFormState } from './actions';
import { buttonClass, FormMessage } from './form-message';

/** Picks chains and the account manager who takes them over; all of them move, or none. */
export function ReassignForm({
  chains,
  managers,
}: {
  chains: ChainManagerDto[];
  managers: { id: string; email: string; name: string }[];
}) {
  const [state, action, pending] = useActionState<UserFormState, FormData>(reassignChainsAction, {});
  const chainErrors = Object.entries(state.errors ?? {})
    .filter(([path]) => path.startsWith('chains') || path === 'form')
    .flatMap(([, messages]) => messages);
  return (
    <form
      action={action}
      aria-labelledby="reassign-heading"
      className="mt-4 max-w-4xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <h2 id="reassign-heading" className="font-semibold">
        Reassign chains
      </h2>
      <fieldset aria-describedby={chainErrors.length ? 'chains-error' : undefined}>
        <legend className="text-sm font-medium">Chains</legend>
        <div className="mt-1 grid gap-1 text-sm sm:grid-cols-3">
          {chains.map((c) => (
            <label key={c.slug} className="flex items-center gap-2">
              <input type="checkbox" name="chains" value={c.slug} />
              <span>
                {c.name} <span className="text-slate-600">({c.accountManager?.email ?? 'no account manager'})</span>
              </span>
            </label>
          ))}
        </div>
        <FieldErrors id="chains-error" errors={chainErrors} />
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-80">
          <FormField name="manager" label="New account manager" errors={state.errors}>
            {(a) => (
              <select {...a} name="manager" className={inputClass} defaultValue="">
                <option value="" disabled>
                  Pick an active account manager
                </option>
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.email})
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <button type="submit" disabled={pending} className={buttonClass}>
          Reassign
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
