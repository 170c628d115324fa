import { formatUtc } from '@/lib/format';
import type { ChainChecksDto } from '@/lib/checks/check-dto';

const tone = { ok: 'text-ok', warn: 'text-warn', fail: 'text-bad' } as const;

/** The chain's latest nightly-check results, item by item, and its last restore drill's time to available. */
export function ChecksPanel({ checks }: { checks: ChainChecksDto }) {
  const { latest, lastDrill } = checks;
  return (
    <section aria-labelledby="checks-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="checks-heading" className="font-semibold">
        Nightly check
      </h2>
      {!latest ? (
        <p className="mt-2 text-sm text-slate-500">Not run yet.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">
            <span className={tone[latest.status]}>{latest.status}</span> at{' '}
            <time dateTime={latest.at}>{formatUtc(latest.at)}</time> ({latest.trigger})
          </p>
          <ul className="mt-2 space-y-1 text-sm" data-testid="check-items">
            {latest.items.map((i) => (
              <li key={i.check}>
                <span className={`font-medium ${tone[i.status]}`}>{i.status}</span> {i.check}: {i.detail}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-2 text-sm text-slate-600">
        {lastDrill
          ? `Last restore drill: ${lastDrill.snapshotId ?? 'a snapshot'} available ${lastDrill.restoreSeconds ?? '?'} s after the restore call, on ${lastDrill.finishedAt.slice(0, 10)}.`
          : 'No restore drill has succeeded yet.'}
      </p>
    </section>
  );
}
