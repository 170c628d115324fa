'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { operationCatalog } from '@/lib/operations/catalog';
import type { OperationFacts } from '@/lib/operations/operation-facts';
import { operationTypes } from '@/lib/operations/operation-types';
import type { OperationType } from '@/lib/operations/operation-types';
import { DialogFields } from './operation-dialog-fields';

export type { OperationFacts };

/** The types offered on this chain's page, in the catalog's order: where its database is, and what it has. */
function offered(facts: OperationFacts): OperationType[] {
  return operationTypes.filter((t) => {
    const { database, dialog } = operationCatalog[t];
    if (!dialog) return false;
    if (database === 'dedicated' && !facts.dedicated) return false;
    if (database === 'shared' && facts.dedicated) return false;
    return dialog.offered?.(facts) ?? true;
  });
}

/** The chain's operation buttons (shown to ops and admins; the server checks again) and their dialog. */
export function OperationButtons({ facts }: { facts: OperationFacts }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const [type, setType] = useState<OperationType | null>(null);
  const [key, setKey] = useState('');
  const [params, setParams] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState('');
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: boolean }>({ busy: false });

  const available = offered(facts);
  const open = (t: OperationType) => {
    setType(t);
    // One key per dialog: a double click, or a retry after a network error, is the same operation.
    setKey(crypto.randomUUID());
    setParams(operationCatalog[t].dialog?.defaults?.(facts) ?? {});
    setConfirm('');
    setState({ busy: false });
    dialog.current?.showModal();
  };
  const entry = type ? operationCatalog[type] : null;
  const submit = async () => {
    if (!type) return;
    setState({ busy: true });
    const res = await fetch(`/api/v1/chains/${facts.slug}/operations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ type, params: entry?.dialog?.body(params, confirm) ?? {} }),
    });
    const out = (await res.json().catch(() => ({}))) as { error?: string; issues?: string[] };
    if (!res.ok)
      return setState({
        busy: false,
        error: true,
        message: out.issues?.join('; ') || out.error || `Refused (${res.status}).`,
      });
    await queryClient.invalidateQueries({ queryKey: ['operations'] });
    setState({ busy: false, message: 'Queued: follow it below.' });
    dialog.current?.close();
  };

  return (
    <>
      <div className="mt-2 flex flex-wrap gap-2" data-testid="operation-buttons">
        {available.map((t) => (
          <button
            key={t}
            type="button"
            onClick={() => open(t)}
            className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
          >
            {operationCatalog[t].label}
          </button>
        ))}
      </div>
      {!facts.dedicated && (
        <p className="mt-1 text-xs text-slate-500">
          Database operations are off for a chain on a shared instance: they would touch its neighbours. Moving it to a
          dedicated instance, or decommissioning it, touches only its own database and login.
        </p>
      )}
      {state.message && !state.error && (
        <p role="status" className="mt-1 text-sm text-ok">
          {state.message}
        </p>
      )}
      <dialog
        ref={dialog}
        aria-labelledby="op-title"
        className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/30"
      >
        {type && entry && (
          <form
            method="dialog"
            className="space-y-3 p-5 text-sm"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <h2 id="op-title" className="text-lg font-semibold">
              {entry.label}: {facts.slug}
            </h2>
            <dl className="space-y-1">
              <div>
                <dt className="inline font-medium">What changes: </dt>
                <dd className="inline">{entry.change}</dd>
              </div>
              <div>
                <dt className="inline font-medium">Downtime: </dt>
                <dd className="inline">{entry.downtime}</dd>
              </div>
              <div>
                <dt className="inline font-medium">Cost: </dt>
                <dd className="inline" data-testid="cost-change">
                  {entry.costChange(facts, params)}
                </dd>
              </div>
            </dl>
            <DialogFields fields={entry.dialog?.fields ?? []} facts={facts} form={params} onChange={setParams} />
            {entry.destructive && (
              <label className="block">
                Type <span className="font-mono">{facts.slug}</span> to confirm
                <input
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                />
              </label>
            )}
            {state.error && (
              <p role="alert" className="text-bad">
                {state.message}
              </p>
            )}
            <div className="flex justify-end gap-2 pt-2">
              <button
                type="button"
                onClick={() => dialog.current?.close()}
                className="rounded border border-slate-300 px-3 py-1.5"
              >
                Cancel
              </button>
              <button
                type="submit"
                disabled={state.busy || (entry.destructive && confirm !== facts.slug)}
                className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
              >
                {state.busy ? 'Requesting…' : 'Run it'}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
