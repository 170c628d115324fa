import { formatUtc } from '@/lib/format';
import { operationLabel } from '@/lib/operations/catalog';
import type { ConformanceDto } from '@/lib/sla/dto';

/** Each finding: what is promised, what is deployed, since when, under (risk) or over (margin leak). */
export function ConformanceFindings({ conformance }: { conformance: ConformanceDto }) {
  if (!conformance.read) {
    return (
      <p className="mt-2 text-sm text-slate-600" data-testid="conformance-unread">
        Not read yet: the deployment has not been read from AWS, so whether it keeps the promises of its tier and
        contract is not known.
      </p>
    );
  }
  if (conformance.ok) {
    return (
      <p className="mt-2 text-sm text-ok" data-testid="conformance-ok">
        ✓ The deployment keeps every promise of its tier and contract.
      </p>
    );
  }
  return (
    <table className="mt-2 w-full text-left text-sm" data-testid="conformance-findings">
      <thead className="text-xs text-slate-500">
        <tr>
          <th scope="col" className="py-1">
            Finding
          </th>
          <th scope="col">Kind</th>
          <th scope="col">Promised</th>
          <th scope="col">Deployed</th>
          <th scope="col">Since</th>
          <th scope="col">Fix</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {conformance.findings.map((f) => (
          <tr key={f.rule} data-testid={`finding-${f.rule}`} data-direction={f.direction}>
            <td className="py-1.5 font-medium">{f.title}</td>
            <td>
              {f.direction === 'under' ? (
                <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">under · risk</span>
              ) : (
                <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                  over · margin leak
                </span>
              )}
            </td>
            <td>{f.promised}</td>
            <td>{f.deployed}</td>
            <td className="text-slate-600">{f.since ? formatUtc(f.since) : 'just now'}</td>
            <td className="text-slate-600">{f.fix ? `Operation: ${operationLabel(f.fix)}` : 'by hand'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
