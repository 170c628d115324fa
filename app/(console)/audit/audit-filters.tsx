import Link from 'next/link';
import { inputClass } from '@/components/ui/form-field';

// A plain GET form: the filters live in the URL, so a filtered view can be bookmarked, shared and exported.

const families = [
  ['', 'Any action'],
  ['operation.', 'Operations'],
  ['contract.', 'Contracts'],
  ['tier.', 'SLA tiers'],
  ['price.', 'Prices'],
  ['costs.', 'Cost readings'],
  ['wave.', 'Waves'],
  ['schedule.', 'Schedules'],
  ['user.', 'Users'],
  ['chain.', 'Chain assignments'],
  ['api-token.', 'API tokens'],
  ['auth.', 'Sign-ins'],
  ['authz.denied', 'Refusals'],
] as const;

export function AuditFilters({ values }: { values: Record<string, string> }) {
  const action = values.action ?? '';
  const known = families.some(([value]) => value === action);
  return (
    <form
      method="get"
      action="/audit"
      className="mt-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-4"
      aria-label="Filter the audit trail"
    >
      <label className="text-sm font-medium">
        Search
        <input
          name="q"
          type="search"
          defaultValue={values.q}
          placeholder="target, actor, before/after…"
          className={inputClass}
          maxLength={200}
        />
      </label>
      <label className="text-sm font-medium">
        Chain
        <input
          name="chain"
          defaultValue={values.chain}
          placeholder="slug, e.g. burger-barn"
          className={inputClass}
          maxLength={63}
        />
      </label>
      <label className="text-sm font-medium">
        Actor
        <input
          name="actor"
          type="email"
          defaultValue={values.actor}
          placeholder="email"
          className={inputClass}
          maxLength={254}
        />
      </label>
      <label className="text-sm font-medium">
        Action
        <select name="action" defaultValue={action} className={inputClass}>
          {families.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          {!known && <option value={action}>{action}</option>}
        </select>
      </label>
      <label className="text-sm font-medium">
        Result
        <select name="result" defaultValue={values.result ?? ''} className={inputClass}>
          <option value="">Any result</option>
          <option value="ok">ok</option>
          <option value="denied">denied</option>
          <option value="failed">failed</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        From (UTC)
        <input name="from" type="date" defaultValue={values.from?.slice(0, 10)} className={inputClass} />
      </label>
      <label className="text-sm font-medium">
        To, before (UTC)
        <input name="to" type="date" defaultValue={values.to?.slice(0, 10)} className={inputClass} />
      </label>
      <div className="flex items-end gap-3">
        <button
          type="submit"
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          Filter
        </button>
        <Link href="/audit" className="text-sm text-blue-800 underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
