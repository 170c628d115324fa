'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { flagText } from '@/components/flags/drift-badge';
import type { ChainFlagDto } from '@/lib/flags/flag-dto';
import { adoptLiveFlagAction, reapplyChainFlagAction, setChainFlagAction } from './actions';
import type { FlagFormState } from './actions';

// The forms of one flag row (ops and admins): set the chain's value, and for a drifted parameter re-apply
// Fleetpane's value or adopt the live one. Each keeps its idempotency key until a request succeeds (a double
// submit is one delivery), then takes a new one for the next. The page refreshes to show the delivery.

type Action = (state: FlagFormState, formData: FormData) => Promise<FlagFormState>;

function useFlagAction(action: Action) {
  const router = useRouter();
  const [state, run, pending] = useActionState<FlagFormState, FormData>(action, {});
  // Each answered request gets a new round: its forms remount with a fresh idempotency key.
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!state.ok) return;
    setRound((r) => r + 1);
    const timer = setTimeout(() => router.refresh(), 1_000);
    return () => clearTimeout(timer);
  }, [state, router]);
  return { state, run, pending, round };
}

function Hidden({ slug, flagKey }: { slug: string; flagKey: string }) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  return (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="key" value={flagKey} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
    </>
  );
}

function Outcome({ state }: { state: FlagFormState }) {
  if (!state.message) return null;
  const detail = Object.values(state.errors ?? {}).flat();
  return (
    <span role={state.ok ? 'status' : 'alert'} className={`block text-xs ${state.ok ? 'text-slate-600' : 'text-bad'}`}>
      {state.message}
      {detail.length > 0 && ` ${detail.join('; ')}`}
    </span>
  );
}

const text = flagText;

function Submit({ disabled, children }: { disabled: boolean; children: ReactNode }) {
  return (
    <button
      type="submit"
      disabled={disabled}
      className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60"
    >
      {children}
    </button>
  );
}

export function SetFlagForm({ slug, flag }: { slug: string; flag: ChainFlagDto }) {
  const { state, run, pending, round } = useFlagAction(setChainFlagAction);
  const label = `New value of ${flag.key}`;
  const field =
    flag.type === 'boolean' ? (
      <select
        name="value"
        aria-label={label}
        defaultValue={String(flag.value === true)}
        className="rounded border px-2 py-1"
      >
        <option value="true">on</option>
        <option value="false">off</option>
      </select>
    ) : (
      <input
        name="value"
        aria-label={label}
        defaultValue={state.values?.value ?? text(flag.value)}
        inputMode={flag.type === 'number' ? 'decimal' : undefined}
        className="w-40 rounded border px-2 py-1 font-mono text-xs"
      />
    );
  return (
    <form action={run} className="flex flex-wrap items-center gap-2">
      <Hidden key={round} slug={slug} flagKey={flag.key} />
      <input type="hidden" name="type" value={flag.type} />
      {field}
      <Submit disabled={pending || !!flag.pending}>
        {pending ? 'Queuing…' : flag.sensitive ? 'Ask to set' : 'Set'}
      </Submit>
      <Outcome state={state} />
    </form>
  );
}

export function DriftForms({ slug, flag }: { slug: string; flag: ChainFlagDto }) {
  const reapply = useFlagAction(reapplyChainFlagAction);
  const adopt = useFlagAction(adoptLiveFlagAction);
  return (
    <div className="mt-1 flex flex-wrap gap-2">
      <form action={reapply.run}>
        <Hidden key={reapply.round} slug={slug} flagKey={flag.key} />
        <Submit disabled={reapply.pending || !!flag.pending}>Re-apply {text(flag.value)}</Submit>
        <Outcome state={reapply.state} />
      </form>
      {flag.drift === 'modified' && (
        <form action={adopt.run}>
          <Hidden key={adopt.round} slug={slug} flagKey={flag.key} />
          <Submit disabled={adopt.pending || !!flag.pending}>Adopt the live value {text(flag.live)}</Submit>
          <Outcome state={adopt.state} />
        </form>
      )}
    </div>
  );
}
