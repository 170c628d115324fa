import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';

// Calls a server action over HTTP the way React's form submission does, so the security specs can send any
// caller and any fields to it: POST to a page that renders the action, with its id in `Next-Action` and
// the arguments in React's reply encoding (field "0" the argument list; "$K1" a FormData whose fields are
// prefixed "_1_"). The ids come from the build's server-reference manifest.

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };

function manifest(): Manifest {
  const file = path.resolve(import.meta.dirname, '../../.next/server/server-reference-manifest.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

export type ActionTarget = { id: string; pagePath: string };

/** The action's id and a page path (pattern, e.g. /chains/[slug]/contract/edit) that serves it. */
export function findAction(file: string, name: string): ActionTarget {
  for (const [id, entry] of Object.entries(manifest().node)) {
    if (entry.filename !== file || entry.exportedName !== name) continue;
    const worker = Object.keys(entry.workers)[0]!;
    const segments = worker
      .replace(/^app\//, '')
      .replace(/\/page$/, '')
      .split('/')
      .filter((segment) => !/^\(.*\)$/.test(segment));
    return { id, pagePath: `/${segments.join('/')}` };
  }
  throw new Error(`No server action ${name} in ${file} in the build's manifest`);
}

/**
 * Calls the action with (previousState, formData) when `withState`, else (formData), from `url`.
 * Fields are sent as they are: the server sees exactly what a forged form would send.
 */
export function callAction(
  request: APIRequestContext,
  target: ActionTarget,
  url: string,
  fields: Record<string, string>,
  options: { withState: boolean; origin?: string },
): Promise<APIResponse> {
  // The argument list goes last, as React sends it: the server resolves it as soon as it arrives, so the
  // fields it refers to must be there before it ("0" would come first in a plain object's key order).
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  multipart.append('0', JSON.stringify(options.withState ? [{}, '$K1'] : ['$K1']));
  return request.post(url, {
    headers: {
      'next-action': target.id,
      accept: 'text/x-component',
      ...(options.origin ? { origin: options.origin } : {}),
    },
    multipart,
    maxRedirects: 0,
  });
}
