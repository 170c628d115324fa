'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Reads Cost Explorer now; the server checks the role (finance, admin) whatever shows this button. */
export function IngestButton() {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; message?: string }>({ busy: false });
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={state.busy}
        onClick={async () => {
          setState({ busy: true });
          const res = await fetch('/api/v1/costs/ingest', { method: 'POST' });
          const body = (await res.json().catch(() => ({}))) as {
            ingest?: { lines: number; failures: { account: string; reason: string }[] };
            error?: string;
          };
          setState({
            busy: false,
            message: res.ok
              ? `Read ${body.ingest?.lines ?? 0} cost lines${body.ingest?.failures.length ? `; failed: ${body.ingest.failures.map((f) => f.account).join(', ')}` : ''}.`
              : (body.error ?? `Failed (${res.status}).`),
          });
          router.refresh();
        }}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm disabled:opacity-60"
      >
        {state.busy ? 'Reading Cost Explorer…' : 'Read Cost Explorer now'}
      </button>
      {state.message && (
        <span role="status" className="text-xs text-slate-600">
          {state.message}
        </span>
      )}
    </span>
  );
}
