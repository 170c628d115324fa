import { describe, expect, it } from 'vitest';
import { buildFlagdDocument } from '@/lib/flags/flagd-document';
import { defineFlagInputSchema, setFlagValueInputSchema, updateFlagInputSchema } from '@/lib/flags/flag-input';
import {
  decodeFlagValue,
  defaultResidencyIssues,
  encodeFlagValue,
  flagValueIssues,
  isFlagOn,
  jsonSchemaIssues,
  residencyIssues,
  sameFlagValue,
} from '@/lib/flags/flag-value';
import type { FlagRules } from '@/lib/flags/flag-value';
import { can } from '@/lib/server/auth/roles';
import { currentDrift } from '@/lib/server/flags/current-drift';

// The rules a flag's values are held to, the same for the API, the delivery step and adopt: worked by hand.

const rules = (r: Partial<FlagRules>): FlagRules => ({
  key: 'f',
  type: 'boolean',
  defaultValue: false,
  jsonSchema: null,
  residency: null,
  ...r,
});

describe('flag values', () => {
  it('holds each value to its type', () => {
    expect(flagValueIssues(rules({}), true)).toEqual([]);
    expect(flagValueIssues(rules({}), 'true')).toEqual(['value: f is a boolean flag: its value is true or false']);
    expect(flagValueIssues(rules({ type: 'number' }), 1.5)).toEqual([]);
    expect(flagValueIssues(rules({ type: 'number' }), '1')).toHaveLength(1);
    expect(flagValueIssues(rules({ type: 'string' }), '')).toEqual([]);
    expect(flagValueIssues(rules({ type: 'string' }), null)).toHaveLength(1);
    expect(flagValueIssues(rules({ type: 'json' }), [1, { a: null }])).toEqual([]);
  });

  it('validates a JSON value against its schema, naming where it breaks', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', maximum: 5 } }, required: ['n'] };
    const flag = rules({ type: 'json', jsonSchema: schema });
    expect(flagValueIssues(flag, { n: 3 })).toEqual([]);
    expect(flagValueIssues(flag, { n: 9 })).toEqual(['value.n: must be <= 5']);
    expect(flagValueIssues(flag, {})).toEqual(["value: must have required property 'n'"]);
  });

  it('refuses a schema that does not compile, with the reason', () => {
    expect(jsonSchemaIssues({ type: 'object' })).toEqual([]);
    expect(jsonSchemaIssues({ type: 'nope' })[0]).toMatch(/^jsonSchema: not a usable JSON Schema/);
    expect(jsonSchemaIssues({ $ref: 'https://example.com/s.json' })).toHaveLength(1);
    expect(jsonSchemaIssues({ typo: 1 })).toHaveLength(1); // strict: an unknown keyword is a mistake
  });

  it('keeps a value within one standard parameter (4 KB as JSON text)', () => {
    const flag = rules({ type: 'string' });
    expect(flagValueIssues(flag, 'x'.repeat(4094))).toEqual([]); // 4,096 bytes with its quotes
    expect(flagValueIssues(flag, 'x'.repeat(4095))[0]).toMatch(/4097 bytes as JSON, over the 4096/);
    expect(flagValueIssues(flag, 'é'.repeat(2047))).toEqual([]); // 2 bytes each, 4,096 with the quotes
    expect(flagValueIssues(flag, 'é'.repeat(2048))).toHaveLength(1);
  });

  it('stores every type as JSON text, and reads hand-written text that is not JSON as a string', () => {
    expect([true, 30, 'blue', '', { a: [1] }].map(encodeFlagValue)).toEqual([
      'true',
      '30',
      '"blue"',
      '""',
      '{"a":[1]}',
    ]);
    expect(decodeFlagValue('90')).toBe(90);
    expect(decodeFlagValue('blue')).toBe('blue');
    expect(sameFlagValue({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(sameFlagValue(1, '1')).toBe(false);
  });
});

describe('residency', () => {
  const eu = rules({ residency: 'EU' });
  const us = { slug: 'burger-barn', residency: null };
  it('refuses an EU-only flag on for a chain outside the EU, never off, never for an EU chain', () => {
    expect(residencyIssues(eu, us, true)[0]).toMatch(/f is for EU chains only, and burger-barn has no residency rule/);
    expect(residencyIssues(eu, us, false)).toEqual([]);
    expect(residencyIssues(eu, { slug: 'le-petit-bistro', residency: 'EU' }, true)).toEqual([]);
    expect(residencyIssues(rules({}), us, true)).toEqual([]);
  });
  it('counts false, 0, "", null and empty lists and objects as off', () => {
    expect([false, 0, '', null, [], {}].map(isFlagOn)).toEqual([false, false, false, false, false, false]);
    expect([true, 1, 'x', [0], { a: 0 }].map(isFlagOn)).toEqual([true, true, true, true, true]);
  });
  it('requires an EU-only flag to be off by default', () => {
    expect(defaultResidencyIssues(rules({ residency: 'EU', defaultValue: true }))).toHaveLength(1);
    expect(defaultResidencyIssues(rules({ residency: 'EU', defaultValue: false }))).toEqual([]);
  });
});

describe('flag input and roles', () => {
  it('reads a definition with its defaults, and refuses a change of type or key', () => {
    const d = defineFlagInputSchema.parse({
      key: 'a-b',
      description: 'd',
      type: 'number',
      defaultValue: 0,
      owner: 'o',
    });
    expect(d).toMatchObject({ jsonSchema: null, residency: null, sensitive: false });
    expect(defineFlagInputSchema.safeParse({ key: 'a', description: 'd', type: 'number', owner: 'o' }).success).toBe(
      false,
    );
    const typed = updateFlagInputSchema.safeParse({ type: 'string' });
    expect(typed.success || typed.error.issues[0]?.message).toBe('type cannot change: define a new flag');
    expect(updateFlagInputSchema.safeParse({}).success).toBe(false);
  });
  it('refuses null as a value: a parameter cannot hold it apart from "none"', () => {
    const body = { key: 'k', description: 'd', type: 'json', defaultValue: null, owner: 'o' };
    const parsed = defineFlagInputSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(
      'null is not a flag value: use false, 0, "", [] or {} for off',
    );
    expect(setFlagValueInputSchema.safeParse({ value: null }).success).toBe(false);
  });

  it('lets admins define flags, ops and admins set values, and nobody else', () => {
    expect(['admin', 'ops', 'account_manager', 'finance'].filter((r) => can(r as never, 'flags:write'))).toEqual([
      'admin',
      'ops',
    ]);
    expect(['admin', 'ops', 'account_manager', 'finance'].filter((r) => can(r as never, 'flags:define'))).toEqual([
      'admin',
    ]);
  });
});

describe('drift as of now', () => {
  it("a parameter read in sync is not once Fleetpane's value moved on; other states stay as read", () => {
    expect(currentDrift('in_sync', 365, 365)).toBe('in_sync');
    expect(currentDrift('in_sync', 365, 30)).toBe('modified');
    expect(currentDrift('missing', null, 30)).toBe('missing');
    expect(currentDrift('unknown', 365, 30)).toBe('unknown');
  });
});

describe('the flagd document', () => {
  it('gives each flag its effective value as the default variant, and leaves out what flagd cannot hold', () => {
    const doc = buildFlagdDocument([
      { key: 'b', type: 'boolean', value: true },
      { key: 'n', type: 'number', value: 30 },
      { key: 'j', type: 'json', value: { lines: [] } },
      { key: 'l', type: 'json', value: [1] },
    ]);
    expect(JSON.parse(doc.text)).toEqual({
      $schema: 'https://flagd.dev/schema/v0/flags.json',
      flags: {
        b: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
        j: { state: 'ENABLED', variants: { value: { lines: [] } }, defaultVariant: 'value' },
        n: { state: 'ENABLED', variants: { value: 30 }, defaultVariant: 'value' },
      },
    });
    expect(doc).toMatchObject({ leftOut: ['l'], fits: true });
    expect(buildFlagdDocument([{ key: 's', type: 'string', value: 'x'.repeat(4100) }]).fits).toBe(false);
  });
});
