// Whether a value fits its flag: its type, its JSON Schema (ajv, draft 2020-12), the size of one standard
// SSM parameter, and the flag's residency rule (an EU-only flag is never on for a chain outside the EU).
// Pure, so forms, the API and the delivery step check the same way.
import Ajv2020 from 'ajv/dist/2020.js';
import type { FlagType } from './flag-input';

export type FlagRules = {
  key: string;
  type: FlagType;
  defaultValue: unknown;
  jsonSchema: unknown;
  residency: string | null;
};

/** A standard SSM parameter holds at most 4 KB; the value is stored as its JSON text. */
export const PARAMETER_MAX_BYTES = 4096;

/** The parameter's text: every type as JSON (`true`, `30`, `"blue"`, `{…}`), so "" is `""`, never empty. */
export const encodeFlagValue = (value: unknown): string => JSON.stringify(value);

/** A parameter's text as a value; text that is not JSON (written by hand) is kept as that string. */
export function decodeFlagValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Equal as JSON, whatever the order of object keys (the database's jsonb reorders them). */
export const sameFlagValue = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

export const byteLength = (text: string): number => new TextEncoder().encode(text).length;

// A fresh validator per schema: ajv caches compiled schemas by object, and these come new from the database.
const newAjv = () => new Ajv2020({ allErrors: true, strict: true, validateFormats: false });

/** Problems of a JSON Schema itself: it must compile (no unknown keywords, no remote references). */
export function jsonSchemaIssues(schema: unknown, path = 'jsonSchema'): string[] {
  if (typeof schema !== 'object' && typeof schema !== 'boolean') return [`${path}: a JSON Schema is an object`];
  try {
    newAjv().compile(schema as object);
    return [];
  } catch (error) {
    return [`${path}: not a usable JSON Schema (${(error as Error).message})`];
  }
}

/** Problems of a value for this flag, each a line of the 400 ("value: …"). */
export function flagValueIssues(flag: FlagRules, value: unknown, path = 'value'): string[] {
  const typeIssue = {
    boolean: typeof value === 'boolean' ? null : 'true or false',
    string: typeof value === 'string' ? null : 'a string',
    number: typeof value === 'number' && Number.isFinite(value) ? null : 'a number',
    json: value === undefined ? 'a JSON value' : null,
  }[flag.type];
  if (typeIssue) return [`${path}: ${flag.key} is a ${flag.type} flag: its value is ${typeIssue}`];
  const size = byteLength(encodeFlagValue(value));
  if (size > PARAMETER_MAX_BYTES)
    return [`${path}: ${size} bytes as JSON, over the ${PARAMETER_MAX_BYTES} of a standard SSM parameter`];
  if (flag.type !== 'json' || flag.jsonSchema === null || flag.jsonSchema === undefined) return [];
  if (jsonSchemaIssues(flag.jsonSchema).length) return [`${path}: the flag's JSON Schema does not compile`];
  const validate = newAjv().compile(flag.jsonSchema as object);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${path}${e.instancePath.replaceAll('/', '.')}: ${e.message ?? 'invalid'}`);
}

/** Off: false, 0, "", null, an empty list or object. Anything else turns something on. */
export function isFlagOn(value: unknown): boolean {
  if (value === false || value === 0 || value === '' || value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** A residency-bound flag may be on (a value other than its off default) only for chains of that residency. */
export function residencyIssues(
  flag: FlagRules,
  chain: { slug: string; residency: string | null },
  value: unknown,
  path = 'value',
): string[] {
  if (!flag.residency || chain.residency === flag.residency) return [];
  if (!isFlagOn(value) || sameFlagValue(value, flag.defaultValue)) return [];
  return [
    `${path}: ${flag.key} is for ${flag.residency} chains only, and ${chain.slug} ${chain.residency ? `has ${chain.residency} residency` : 'has no residency rule'}: it may only keep the default`,
  ];
}

/** A residency-bound flag's default must be off, or every chain outside that residency would have it on. */
export const defaultResidencyIssues = (flag: FlagRules): string[] =>
  flag.residency && isFlagOn(flag.defaultValue)
    ? [
        `defaultValue: ${flag.key} is for ${flag.residency} chains only: its default must be off (false, 0, "", [] or {})`,
      ]
    : [];
