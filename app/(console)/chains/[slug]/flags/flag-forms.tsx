'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import { flagText } from '@/components/flags/drift-badge';
import type { ChainFlagDto } from '@/lib/flags/flag-dto';
import { adoptLiveFlagAction, reapplyChainFlagAction, setChainFlagAction } from './actions';
import type { FlagFormState } from './actions';

// The forms of one flag row (ops and admins): set the chain's value, and for a drifted parameter re-apply
// Fleetpane's value or adopt the live one. Each keeps its idempotency key for as long as the page shows it,
// so a double submit is one delivery. The page refreshes to show the delivery's progress.

type Action = (state: FlagFormState, formData: FormData) => Promise<FlagFormState>;

function useFlagAction(action: Action) {
  const router = useRouter();
  const [state, run, pending] = useActionState<FlagFormState, FormData>(action, {});
  useEffect(() => {
    if (!state.ok) return;
    const timer = setTimeout(() => router.refresh(), 1_000);
    return () => clearTimeout(timer);
  }, [state, router]);
  return { state, run, pending };
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

export function SetFlagForm({ slug, flag }: { slug: string; flag: ChainFlagDto }) {
  const { state, run, pending } = useFlagAction(setChainFlagAction);
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
      <Hidden slug={slug} flagKey={flag.key} />
      <input type="hidden" name="type" value={flag.type} />
      <input type="hidden" name="sensitive" value={String(flag.sensitive)} />
      {field}
      <button
        type="submit"
        disabled={pending || !!flag.pending}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? 'Queuing…' : flag.sensitive ? 'Ask to set' : 'Set'}
      </button>
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
        <Hidden slug={slug} flagKey={flag.key} />
        <button
          type="submit"
          disabled={reapply.pending || !!flag.pending}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60"
        >
          Re-apply {text(flag.value)}
        </button>
        <Outcome state={reapply.state} />
      </form>
      {flag.drift === 'modified' && (
        <form action={adopt.run}>
          <Hidden slug={slug} flagKey={flag.key} />
          <button
            type="submit"
            disabled={adopt.pending || !!flag.pending}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60"
          >
            Adopt the live value {text(flag.live)}
          </button>
          <Outcome state={adopt.state} />
        </form>
      )}
    </div>
  );
}
