'use client';

import { useActionState } from 'react';
import { createChannelAction } from './actions';
import type { CreateChannelState } from './actions';

const input = 'mt-1 block w-96 max-w-full rounded border border-slate-300 px-2 py-1';

export function CreateChannelForm() {
  const [state, action, pending] = useActionState<CreateChannelState, FormData>(createChannelAction, {});
  const v = state.values ?? {};
  return (
    <form action={action} className="mt-4 max-w-2xl space-y-3" aria-describedby="channel-status">
      <h2 className="text-lg font-semibold">New channel</h2>
      <label className="block text-sm">
        <span className="font-medium">Name</span>
        <input name="name" required maxLength={100} defaultValue={v.name} placeholder="Ops on-call" className={input} />
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Kind</legend>
        <label className="mr-4">
          <input type="radio" name="kind" value="webhook" defaultChecked={v.kind !== 'email'} /> Webhook
          (Slack-compatible)
        </label>
        <label>
          <input type="radio" name="kind" value="email" defaultChecked={v.kind === 'email'} /> E-mail
        </label>
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">Webhook URL</span>
        <input name="url" type="url" defaultValue={v.url} placeholder="https://hooks.example.com/…" className={input} />
      </label>
      <label className="block text-sm">
        <span className="font-medium">E-mail addresses</span> <span className="text-slate-500">(comma-separated)</span>
        <input name="emails" defaultValue={v.emails} placeholder="oncall@example.com" className={input} />
      </label>
      <label className="block text-sm">
        <input type="checkbox" name="toAccountManager" defaultChecked={v.toAccountManager === 'on'} /> Also to the
        chain’s account manager
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Severities (none ticked: all)</legend>
        <label className="mr-4">
          <input type="checkbox" name="severities" value="page" /> page
        </label>
        <label>
          <input type="checkbox" name="severities" value="ticket" /> ticket
        </label>
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">Tiers</span>{' '}
        <span className="text-slate-500">(keys, comma-separated; empty: all)</span>
        <input name="tierKeys" defaultValue={v.tierKeys} placeholder="enterprise" className={input} />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Chains</span>{' '}
        <span className="text-slate-500">(slugs, comma-separated; empty: all)</span>
        <input name="chainSlugs" defaultValue={v.chainSlugs} className={input} />
      </label>
      <label className="block text-sm">
        <input type="checkbox" name="nightlySummary" defaultChecked={v.nightlySummary === 'on'} /> Receives the nightly
        check’s summary (e-mail)
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {pending ? 'Creating…' : 'Create channel'}
      </button>
      <div id="channel-status" aria-live="polite" className="text-sm">
        {state.message && <p role="status">{state.message}</p>}
        {state.secret && (
          <output
            data-testid="new-channel-secret"
            className="mt-1 block break-all rounded bg-amber-50 p-2 font-mono text-xs ring-1 ring-amber-300"
          >
            {state.secret}
          </output>
        )}
      </div>
    </form>
  );
}
