/** From and to months; a plain GET form, so the range lives in the address and works before hydration. */
export function RangeForm({ from, to }: { from: string; to: string }) {
  return (
    <form method="get" action="/reports/costs" className="flex items-end gap-2 text-sm">
      <label className="flex flex-col">
        <span className="text-xs text-slate-600">From</span>
        <input type="month" name="from" defaultValue={from} className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col">
        <span className="text-xs text-slate-600">To</span>
        <input type="month" name="to" defaultValue={to} className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">
        Show
      </button>
    </form>
  );
}
