'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { operationEffects, operationLabels } from '@/lib/operations/operation-types';
import type { OperationType } from '@/lib/operations/operation-types';

export type OperationFacts = {
  slug: string;
  dedicated: boolean;
  multiAz: boolean | null;
  dbClass: string | null;
  storageGb: number | null;
  appType: string | null;
  /** The chain's snapshots (newest first), to restore from. */
  snapshots: string[];
  /** Instances the chain was cut over from, kept until retired. */
  kept: string[];
  /** Hourly prices in the chain's region (USD), for the dialog's monthly cost change. */
  prices: { rds: Record<string, number>; ec2: Record<string, number>; storageGbMonth: number | null };
};

const HOURS_PER_MONTH = 730;

function costChange(type: OperationType, f: OperationFacts, p: Record<string, string>): string {
  const az = f.multiAz ? 2 : 1;
  const rds = (c: string | null) => (c ? f.prices.rds[c] : undefined);
  let delta: number | undefined;
  if (type === 'scale-database')
    delta =
      rds(p.instanceClass ?? null) !== undefined && rds(f.dbClass) !== undefined
        ? (rds(p.instanceClass!)! - rds(f.dbClass)!) * az * HOURS_PER_MONTH
        : undefined;
  if (type === 'enable-multi-az' || type === 'disable-multi-az') {
    const hourly = rds(f.dbClass);
    const storage = (f.storageGb ?? 0) * (f.prices.storageGbMonth ?? 0);
    delta =
      hourly === undefined ? undefined : (type === 'enable-multi-az' ? 1 : -1) * (hourly * HOURS_PER_MONTH + storage);
  }
  if (type === 'grow-storage')
    delta =
      f.prices.storageGbMonth === null
        ? undefined
        : (Number(p.allocatedStorageGb) - (f.storageGb ?? 0)) * f.prices.storageGbMonth * az;
  if (type === 'scale-app')
    delta =
      f.appType && f.prices.ec2[f.appType] !== undefined && f.prices.ec2[p.instanceType ?? ''] !== undefined
        ? (f.prices.ec2[p.instanceType!]! - f.prices.ec2[f.appType]!) * HOURS_PER_MONTH
        : undefined;
  if (type === 'backup' || type === 'reboot') return 'none (a snapshot adds backup storage beyond the free allowance)';
  if (type === 'restore') return 'a second instance like this one runs until the old one is retired';
  if (type === 'cut-over') return 'none';
  if (type === 'move-to-dedicated') {
    if (!p.instanceClass)
      return 'a dedicated instance at the tier\u2019s floor class (name the class to see its catalog price); its share of the shared instance goes away';
    const hourly = rds(p.instanceClass);
    return hourly === undefined
      ? 'a dedicated instance of the class asked (the catalog has no price for it); its share of the shared instance goes away'
      : `+${(hourly * HOURS_PER_MONTH + Number(p.storageGb || 100) * (f.prices.storageGbMonth ?? 0)).toFixed(2)} USD a month for the dedicated instance (catalog prices); its share of the shared instance goes away`;
  }
  if (type === 'retire-instance')
    return 'the replaced instance\u2019s whole cost stops; its final snapshot is kept (backup storage)';
  if (type === 'decommission')
    return 'the chain\u2019s whole infrastructure cost stops; the final snapshot is kept (backup storage)';
  if (delta === undefined || Number.isNaN(delta))
    return 'unknown: the price catalog has no price for this class or type';
  return `${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(2)} USD a month (catalog prices)`;
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

  const available: OperationType[] = facts.dedicated
    ? [
        'backup',
        'scale-database',
        'grow-storage',
        facts.multiAz ? 'disable-multi-az' : 'enable-multi-az',
        'reboot',
        'restore',
        'scale-app',
        ...(facts.kept.length ? (['retire-instance'] as const) : []),
        'decommission',
      ]
    : ['scale-app', 'move-to-dedicated', 'decommission'];
  const open = (t: OperationType) => {
    setType(t);
    // One key per dialog: a double click, or a retry after a network error, is the same operation.
    setKey(crypto.randomUUID());
    setParams(
      t === 'restore'
        ? { snapshotId: facts.snapshots[0] ?? '' }
        : t === 'retire-instance'
          ? { instance: facts.kept[0] ?? '' }
          : t === 'move-to-dedicated'
            ? { instanceClass: '', storageGb: '100' }
            : t === 'scale-database'
              ? { instanceClass: facts.dbClass ?? '' }
              : t === 'grow-storage'
                ? { allocatedStorageGb: String((facts.storageGb ?? 20) + 50) }
                : t === 'scale-app'
                  ? { instanceType: facts.appType ?? '' }
                  : {},
    );
    setConfirm('');
    setState({ busy: false });
    dialog.current?.showModal();
  };
  const effect = type ? operationEffects[type] : null;
  const body = () => {
    if (type === 'scale-database') return { instanceClass: params.instanceClass, applyImmediately: true };
    if (type === 'grow-storage')
      return { allocatedStorageGb: Number(params.allocatedStorageGb), applyImmediately: true };
    if (type === 'scale-app') return { instanceType: params.instanceType };
    if (type === 'reboot') return { forceFailover: params.forceFailover === 'on' };
    if (type === 'enable-multi-az' || type === 'disable-multi-az') return { applyImmediately: true };
    if (type === 'decommission') return { confirm };
    if (type === 'retire-instance') return { instance: params.instance, confirm };
    if (type === 'move-to-dedicated')
      return {
        ...(params.instanceClass ? { instanceClass: params.instanceClass } : {}),
        storageGb: Number(params.storageGb),
        confirm,
      };
    if (type === 'restore') return { snapshotId: params.snapshotId };
    return {};
  };
  const submit = async () => {
    if (!type) return;
    setState({ busy: true });
    const res = await fetch(`/api/v1/chains/${facts.slug}/operations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ type, params: body() }),
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
            {operationLabels[t]}
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
        {type && effect && (
          <form
            method="dialog"
            className="space-y-3 p-5 text-sm"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <h2 id="op-title" className="text-lg font-semibold">
              {operationLabels[type]}: {facts.slug}
            </h2>
            <dl className="space-y-1">
              <div>
                <dt className="inline font-medium">What changes: </dt>
                <dd className="inline">{effect.change}</dd>
              </div>
              <div>
                <dt className="inline font-medium">Downtime: </dt>
                <dd className="inline">{effect.downtime}</dd>
              </div>
              <div>
                <dt className="inline font-medium">Cost: </dt>
                <dd className="inline" data-testid="cost-change">
                  {costChange(type, facts, params)}
                </dd>
              </div>
            </dl>
            {type === 'restore' && (
              <label className="block">
                Snapshot
                <select
                  value={params.snapshotId ?? ''}
                  onChange={(e) => setParams({ snapshotId: e.target.value })}
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                >
                  {facts.snapshots.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {type === 'retire-instance' && (
              <label className="block">
                Replaced instance
                <select
                  value={params.instance ?? ''}
                  onChange={(e) => setParams({ instance: e.target.value })}
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                >
                  {facts.kept.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {type === 'move-to-dedicated' && (
              <>
                <label className="block">
                  Class (empty: the tier&apos;s floor)
                  <input
                    value={params.instanceClass ?? ''}
                    onChange={(e) => setParams({ ...params, instanceClass: e.target.value })}
                    placeholder="db.t4g.medium"
                    className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                  />
                </label>
                <label className="block">
                  Storage (GiB)
                  <input
                    inputMode="numeric"
                    value={params.storageGb ?? ''}
                    onChange={(e) => setParams({ ...params, storageGb: e.target.value })}
                    className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                  />
                </label>
              </>
            )}
            {type === 'scale-database' && (
              <label className="block">
                New class
                <input
                  value={params.instanceClass ?? ''}
                  onChange={(e) => setParams({ instanceClass: e.target.value })}
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                />
              </label>
            )}
            {type === 'grow-storage' && (
              <label className="block">
                New size (GiB, now {facts.storageGb ?? '?'})
                <input
                  inputMode="numeric"
                  value={params.allocatedStorageGb ?? ''}
                  onChange={(e) => setParams({ allocatedStorageGb: e.target.value })}
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                />
              </label>
            )}
            {type === 'scale-app' && (
              <label className="block">
                New instance type
                <input
                  value={params.instanceType ?? ''}
                  onChange={(e) => setParams({ instanceType: e.target.value })}
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                />
              </label>
            )}
            {type === 'reboot' && facts.multiAz && (
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={params.forceFailover === 'on'}
                  onChange={(e) => setParams({ forceFailover: e.target.checked ? 'on' : '' })}
                />{' '}
                Fail over to the standby
              </label>
            )}
            {effect.destructive && (
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
                disabled={state.busy || (effect.destructive && confirm !== facts.slug)}
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
