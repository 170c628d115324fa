'use client';

import { useActionState, useState } from 'react';
import type { Role } from '@/lib/generated/prisma/enums';
import { changeRoleAction, setActiveAction } from './actions';
import type { UserFormState } from './actions';
import { FormMessage, smallButtonClass } from './form-message';

type RowUser = { id: string; email: string; role: Role; active: boolean };

/** The role of one user, changed in place (their sessions end: the server re-reads the role anyway). */
export function RoleForm({ user, roles }: { user: RowUser; roles: { value: Role; label: string }[] }) {
  const [state, action, pending] = useActionState<UserFormState, FormData>(changeRoleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={user.id} />
      <select
        name="role"
        defaultValue={user.role}
        aria-label={`Role of ${user.email}`}
        className="rounded border border-slate-300 px-1 py-0.5 text-sm"
      >
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className={smallButtonClass}>
        Change role <span className="sr-only">of {user.email}</span>
      </button>
      <FormMessage state={state} className="basis-full" />
    </form>
  );
}

/**
 * Deactivate or reactivate, after a confirmation that says what happens: a deactivated user's sessions and
 * API tokens stop at once, and the chains they manage are left without an account manager.
 */
export function ActiveForm({ user }: { user: RowUser }) {
  const [state, action, pending] = useActionState<UserFormState, FormData>(setActiveAction, {});
  const [confirming, setConfirming] = useState(false);
  const verb = user.active ? 'Deactivate' : 'Reactivate';
  const consequence = user.active
    ? 'Their sessions and API tokens stop at once; the chains they manage lose their account manager.'
    : 'They can sign in again; their revoked API tokens stay revoked.';
  return (
    <div>
      {confirming ? (
        <form action={action} onSubmit={() => setConfirming(false)} role="group" aria-label={`${verb} ${user.email}`}>
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="active" value={String(!user.active)} />
          <p className="text-sm">
            {verb} {user.email}? {consequence}
          </p>
          <div className="mt-1 flex gap-2">
            <button type="submit" disabled={pending} className={`${smallButtonClass} border-red-300 text-bad`}>
              Yes, {verb.toLowerCase()}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={smallButtonClass}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={smallButtonClass}>
          {verb} <span className="sr-only">{user.email}</span>
        </button>
      )}
      <FormMessage state={state} className="mt-1" />
    </div>
  );
}
