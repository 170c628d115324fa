'use client';

import { useActionState } from 'react';
import { FormField, inputClass } from '@/components/ui/form-field';
import type { Role } from '@/lib/generated/prisma/enums';
import { createUserAction } from './actions';
import type { UserFormState } from './actions';
import { buttonClass, FormMessage } from './form-message';

/** Adds a user. The password field shows in demo mode only: production signs in through OIDC, by email. */
export function AddUserForm({ roles, demo }: { roles: { value: Role; label: string }[]; demo: boolean }) {
  const [state, action, pending] = useActionState<UserFormState, FormData>(createUserAction, {});
  const value = (name: string) => (state.done ? '' : (state.values?.[name] ?? ''));
  return (
    <form
      action={action}
      aria-labelledby="add-user-heading"
      className="mt-4 grid max-w-4xl gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5"
      noValidate
      key={state.done ? state.message : 'form'}
    >
      <h2 id="add-user-heading" className="font-semibold sm:col-span-5">
        Add a user
      </h2>
      <FormField name="email" label="Email" errors={state.errors}>
        {(a) => <input {...a} name="email" type="email" defaultValue={value('email')} className={inputClass} />}
      </FormField>
      <FormField name="name" label="Name" errors={state.errors}>
        {(a) => <input {...a} name="name" defaultValue={value('name')} className={inputClass} />}
      </FormField>
      <FormField name="role" label="Role" errors={state.errors}>
        {(a) => (
          <select {...a} name="role" defaultValue={value('role') || 'ops'} className={inputClass}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {demo ? (
        <FormField name="password" label="Password (demo sign-in)" errors={state.errors}>
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </FormField>
      ) : (
        <p className="self-end text-xs text-slate-600">They sign in through your identity provider, by this email.</p>
      )}
      <div className="flex items-end">
        <button type="submit" disabled={pending} className={buttonClass}>
          Add user
        </button>
      </div>
      <FormMessage state={state} className="sm:col-span-5" />
    </form>
  );
}
