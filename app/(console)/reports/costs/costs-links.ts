// The costs page's own addresses: the same range, sort and page, with a change.

export type CostsRange = { from: string; to: string };
export type CostsPageView = { sort: string; page: number };

/** The costs page with the range and view, changed by patch. */
export function costsHref(range: CostsRange, view: CostsPageView, patch: Record<string, string | number>): string {
  return `/reports/costs?${new URLSearchParams({ from: range.from, to: range.to, sort: view.sort, page: String(view.page), ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, String(v)])) })}`;
}

/** The report's export in a format (csv, xlsx), over the range. */
export function costsExportHref(range: CostsRange, format: string): string {
  return `/api/v1/reports/costs?${new URLSearchParams({ from: range.from, to: range.to, format })}`;
}
