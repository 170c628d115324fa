import fc from 'fast-check';

// What the fuzz spec sends: a valid request of each mutating route, broken in at least one way that makes it
// invalid whatever else is generated, with hostile values in the other fields.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = Record<string, Json>;

const hostile = [
  "' OR '1'='1' --",
  '\'; DROP TABLE "Chain"; --',
  '<script>alert(document.cookie)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7} {{7*7}}',
  '../../../etc/passwd',
  'NUL \u0000 byte',
  'bidi \u202e override',
  'Ω≈ç√∫ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ',
  ' leading and trailing ',
  '\r\nSet-Cookie: x=1',
];

/** Strings no format field accepts: each has a space, markup, a control character or is empty or huge. */
export const invalidString = fc.oneof(
  fc.constantFrom(...hostile),
  fc.string({ maxLength: 40 }).map((s) => `${s} <${s}>`),
  fc.constant(''),
  fc.constant('x'.repeat(70_000)),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => `\u0001${s}`),
);

/** Values that are not strings at all. */
export const notAString: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Numbers out of any sensible range, and things that are not numbers. */
export const invalidNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(-1, -1e308, 1e308, 2 ** 53 + 2, 0.5, -0),
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.constantFrom(...hostile),
  fc.constant(null),
  fc.boolean(),
);

export type FieldSpec = { path: string[]; invalid: fc.Arbitrary<Json> };

/** One mutating route: how to send it and what a valid body looks like. */
export type FuzzTarget = {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: () => string;
  base: Body;
  /** Fields whose absence alone makes the body invalid. */
  required: string[];
  /** Fields and values of them that are invalid whatever the rest is. */
  fields: FieldSpec[];
  idempotencyKey?: boolean;
};

export type FuzzRequest = {
  body: string;
  contentType: string;
  headers: Record<string, string>;
  why: string;
};

function setPath(body: Body, path: string[], value: Json | undefined): Body {
  const copy = structuredClone(body);
  let node = copy as Record<string, Json>;
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object' || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, Json>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Hostile values in free-text fields that may accept them: they must be stored as text or refused, never run. */
function noise(target: FuzzTarget): fc.Arbitrary<Body> {
  const free = Object.keys(target.base).filter((key) => typeof target.base[key] === 'string');
  return fc
    .subarray(free)
    .chain((keys) =>
      fc
        .tuple(...keys.map(() => fc.constantFrom(...hostile)))
        .map((values) => keys.reduce((b, key, i) => setPath(b, [key], values[i]!), target.base)),
    );
}

/** A request to the target that is invalid in at least one way, the way named in `why`. */
export function brokenRequest(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const json = (body: Json, why: string, headers: Record<string, string> = {}): FuzzRequest => ({
    body: JSON.stringify(body),
    contentType: 'application/json',
    headers,
    why,
  });
  return noise(target).chain((base) => {
    const key = (): Record<string, string> =>
      target.idempotencyKey ? { 'idempotency-key': `fuzz-${crypto.randomUUID()}` } : {};
    const breaks: fc.Arbitrary<FuzzRequest>[] = [
      fc.constantFrom(...target.required).map((field) => json(setPath(base, [field], undefined), `no ${field}`, key())),
      fc
        .constantFrom(...target.fields)
        .chain((field) =>
          field.invalid.map((value) =>
            json(setPath(base, field.path, value), `${field.path.join('.')} invalid`, key()),
          ),
        ),
      fc
        .string({ minLength: 1, maxLength: 20 })
        .map((name) => json({ ...base, [`unknown_${name}`]: name }, 'an unknown field', key())),
      fc
        .oneof(fc.array(fc.anything() as fc.Arbitrary<Json>, { maxLength: 3 }), notAString)
        .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
        .map((v) => json(v, 'not an object', key())),
      fc.constantFrom('{', '{"a":', 'not json', '\u0000', '[1,2').map((raw) => ({
        body: raw,
        contentType: 'application/json',
        headers: key(),
        why: 'not JSON',
      })),
    ];
    if (target.idempotencyKey) {
      breaks.push(
        fc
          .oneof(fc.constant(undefined), fc.constantFrom('short', 'x'.repeat(200)))
          .map((k) => json(base, 'a bad Idempotency-Key', k === undefined ? {} : { 'idempotency-key': k })),
      );
    }
    return fc.oneof(...breaks);
  });
}
