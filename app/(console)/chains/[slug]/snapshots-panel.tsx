import type { ChainDetail } from '@/lib/fleet/dto';
import { formatAge, formatUtc } from '@/lib/format';

/** The latest snapshots of the chain's database instance (of the whole instance when it is shared). */
export function SnapshotsPanel({ database: d }: { database: ChainDetail['database'] }) {
  return (
    <section aria-labelledby="snapshots-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="snapshots-heading" className="font-semibold">
        Latest snapshots
      </h2>
      {d.snapshots.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No snapshot of this instance.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm" data-testid="snapshots">
          <thead className="text-xs text-slate-500">
            <tr>
              <th scope="col">Snapshot</th>
              <th scope="col">Type</th>
              <th scope="col">Taken</th>
              <th scope="col">Size</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {d.snapshots.map((s) => (
              <tr key={s.id}>
                <td className="font-mono text-xs">{s.id}</td>
                <td>{s.type}</td>
                <td>
                  {formatUtc(s.createdAt)} <span className="text-slate-500">({formatAge(s.createdAt)})</span>
                </td>
                <td>{s.sizeGb === null ? '—' : `${s.sizeGb} GiB`}</td>
                <td>{s.status ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.kind === 'shared' && (
        <p className="mt-2 text-xs text-slate-500">Snapshots of a shared instance hold every database on it.</p>
      )}
    </section>
  );
}
