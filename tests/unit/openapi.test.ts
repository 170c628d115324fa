import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/server/api/openapi';
import { routes } from '@/lib/server/auth/access-matrix';

// The OpenAPI document describes every method of every /api/v1 route (the access matrix lists them, and
// tests/unit/access-matrix.test.ts holds the matrix to app/), and it is a valid OpenAPI 3.1 document by the
// specification's own JSON schema.

type Doc = { paths: Record<string, Record<string, { operationId?: string; responses?: object }>> };

describe('the OpenAPI document', () => {
  const doc = openApiDocument() as Doc;

  it('describes every route and method the API serves, and nothing else', () => {
    const served = routes
      .filter((r) => r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/\[(\w+)\]/g, '{$1}')}`);
    const described = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(new Set(described)).toEqual(new Set(served));
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        expect(op.operationId, `${m} ${p}`).toBeTruthy();
        expect(Object.keys(op.responses ?? {}), `${m} ${p} answers`).toContain('401');
      }
    }
  });

  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});
