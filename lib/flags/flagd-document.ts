// A chain's whole flag set as one document in the format of OpenFeature's flagd
// (https://flagd.dev/reference/flag-definitions/), so a chain app using a flagd provider reads it as is. Each
// flag has one state, ENABLED, and its effective value as the default variant; a boolean gets both variants.
// flagd's variants are booleans, strings, numbers or objects: a JSON flag whose value is a list or null is left
// out (named, so the delivery says so).
import type { FlagType } from './flag-input';
import { byteLength, PARAMETER_MAX_BYTES } from './flag-value';

export const FLAGD_SCHEMA = 'https://flagd.dev/schema/v0/flags.json';

type FlagdFlag = { state: 'ENABLED'; variants: Record<string, unknown>; defaultVariant: string };

export type FlagdDocument = { text: string; bytes: number; fits: boolean; leftOut: string[] };

export function buildFlagdDocument(flags: { key: string; type: FlagType; value: unknown }[]): FlagdDocument {
  const out: Record<string, FlagdFlag> = {};
  const leftOut: string[] = [];
  for (const f of [...flags].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    if (f.type === 'boolean') {
      out[f.key] = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: f.value ? 'on' : 'off' };
    } else if (f.type !== 'json' || (typeof f.value === 'object' && f.value !== null && !Array.isArray(f.value))) {
      out[f.key] = { state: 'ENABLED', variants: { value: f.value }, defaultVariant: 'value' };
    } else {
      leftOut.push(f.key);
    }
  }
  const text = JSON.stringify({ $schema: FLAGD_SCHEMA, flags: out });
  const bytes = byteLength(text);
  return { text, bytes, fits: bytes <= PARAMETER_MAX_BYTES, leftOut };
}
