// The fleet view's filters, sort and page, as client components use them: values, types and the URL.
// The zod schema that parses them is in fleet-query-schema.ts, kept out of the browser bundle.
import type { FleetQuery } from './fleet-query-schema';

export type { FleetQuery };

export const healthValues = ['healthy', 'degraded', 'down', 'unknown'] as const;
export const sortValues = ['name', 'tier', 'region', 'health', 'refreshed', 'backup'] as const;

export const PAGE_SIZE = 50;
export const API_PAGE_SIZE = 1_000;

/** The query string for a view, leaving out defaults so shared links stay short. */
export function fleetQueryString(query: Partial<FleetQuery>, defaultSize = PAGE_SIZE): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if ((key === 'sort' && value === 'name') || (key === 'dir' && value === 'asc') || (key === 'page' && value === 1))
      continue;
    if (key === 'size' && value === defaultSize) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads URL search params (as Next hands them to a page) into a plain record for the schema. */
export function searchParamsRecord(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): Record<string, string> {
  if (params instanceof URLSearchParams) return Object.fromEntries(params.entries());
  return Object.fromEntries(
    Object.entries(params).flatMap(([k, v]) =>
      typeof v === 'string' ? [[k, v]] : Array.isArray(v) && v[0] ? [[k, v[0]]] : [],
    ),
  );
}
