'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { formatUtc } from '@/lib/format';
import { operationLabel } from '@/lib/operations/catalog';
import type { OperationDto } from '@/lib/operations/dto';

const statusStyle: Record<string, string> = {
  queued: 'bg-slate-100 text-slate-700',
  running: 'bg-blue-100 text-blue-800',
  succeeded: 'bg-green-100 text-green-800',
  failed: 'bg-red-100 text-red-800',
  rolled_back: 'bg-amber-100 text-amber-900',
  skipped: 'bg-slate-100 text-slate-600',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${statusStyle[status] ?? ''}`}>
      {status.replace('_', ' ')}
    </span>
  );
}

/** Operations, live: polled every 2 s while one is queued or running, every 15 s otherwise. */
/** me: the signed-in user's email when they may approve others' operations (ops, admins), else null. */
export function OperationList({
  query,
  initial,
  showChain,
  me = null,
}: {
  query: string;
  initial: OperationDto[];
  showChain: boolean;
  me?: string | null;
}) {
  const ops = useQuery({
    queryKey: ['operations', query],
    queryFn: async () => {
      const res = await fetch(`/api/v1/operations?${query}`);
      if (!res.ok) throw new Error(`Operations could not be loaded (${res.status}).`);
      return ((await res.json()) as { operations: OperationDto[] }).operations;
    },
    initialData: initial,
    refetchInterval: (q) =>
      q.state.data?.some((o) => o.status === 'queued' || o.status === 'running') ? 2_000 : 15_000,
  });
  const [approving, setApproving] = useState<{ id: string; message?: string } | null>(null);
  const act = async (id: string, action: 'approve' | 'cancel') => {
    setApproving({ id });
    const res = await fetch(`/api/v1/operations/${id}/${action}`, { method: 'POST' });
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    setApproving(res.ok ? null : { id, message: body.error ?? `Refused (${res.status}).` });
    await ops.refetch();
  };
  if (ops.data.length === 0) return <p className="mt-2 text-sm text-slate-500">No operation yet.</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="operations">
      {ops.data.map((o) => (
        <li key={o.id} className="py-2" data-testid={`operation-${o.id}`} data-status={o.status}>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={o.status} />
            <span className="font-medium">{operationLabel(o.type)}</span>
            {showChain && (
              <Link href={`/chains/${o.chain.slug}`} className="text-blue-800 hover:underline">
                {o.chain.name}
              </Link>
            )}
            <span className="text-xs text-slate-500">
              {formatUtc(o.createdAt)} by {o.requestedBy ?? 'a pipeline'} · {o.durationSeconds} s
              {o.attempts > 1 ? ` · attempt ${o.attempts}` : ''}
            </span>
          </div>
          {o.awaitingApproval && (
            <p className="mt-1 flex items-center gap-2 text-xs text-warn" data-testid="awaiting-approval">
              Waiting for a second person to approve.
              {me && me !== o.requestedBy && (
                <button
                  type="button"
                  onClick={() => void act(o.id, 'approve')}
                  disabled={approving?.id === o.id && !approving.message}
                  className="rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-900"
                >
                  Approve
                </button>
              )}
              {me && (
                <button
                  type="button"
                  onClick={() => void act(o.id, 'cancel')}
                  className="rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-900"
                >
                  Cancel
                </button>
              )}
              {approving?.id === o.id && approving.message && <span className="text-bad">{approving.message}</span>}
            </p>
          )}
          {o.approvedBy && <p className="mt-1 text-xs text-slate-500">Approved by {o.approvedBy}</p>}
          {me && o.type === 'restore' && o.status === 'succeeded' && (
            <CutOver restoreId={o.id} slug={o.chain.slug} onDone={() => void ops.refetch()} />
          )}
          {o.error && <p className="mt-1 text-xs text-bad">{o.error}</p>}
          <ol className="mt-1 space-y-0.5 pl-4 text-xs text-slate-600">
            {o.steps.map((s) => (
              <li key={s.position}>
                <StatusBadge status={s.status} /> {s.name}
                {s.detail && <span className="text-slate-500"> · {s.detail}</span>}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ul>
  );
}

/** After a restore: point the chain at the new instance, once the engineer types the chain's slug. */
function CutOver({ restoreId, slug, onDone }: { restoreId: string; slug: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // One key per opened form: a retry after a failure is a new operation, a double click the same one.
  const [key] = useState(() => crypto.randomUUID());
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="mt-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs"
      >
        Cut over to the restored instance…
      </button>
    );
  }
  return (
    <form
      className="mt-1 flex flex-wrap items-center gap-2 text-xs"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await fetch(`/api/v1/chains/${slug}/operations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ type: 'cut-over', params: { restoreOperationId: restoreId } }),
        });
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        setMessage(res.ok ? 'Cut-over queued.' : (body.error ?? `Refused (${res.status}).`));
        onDone();
      }}
    >
      <label>
        Type <span className="font-mono">{slug}</span> to cut over{' '}
        <input
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          className="rounded border border-slate-300 px-1 py-0.5"
        />
      </label>
      <button
        type="submit"
        disabled={confirm !== slug}
        className="rounded bg-blue-700 px-2 py-0.5 text-white disabled:opacity-50"
      >
        Cut over now
      </button>
      {message && <span role="status">{message}</span>}
    </form>
  );
}
