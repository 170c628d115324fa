import 'server-only';
import { z } from 'zod';

// The pieces every part of the OpenAPI document is written with.

export type JsonSchema = Record<string, unknown>;

export function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: (() => {
      const { $schema: _dialect, ...rest } = z.toJSONSchema(field as z.ZodType, {
        io: 'output',
        unrepresentable: 'any',
      }) as JsonSchema;
      return rest;
    })(),
  }));
}

export const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
export const json = (id: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});
export const errors = {
  '400': json('Error', 'Invalid input; every problem is named'),
  '401': json('Error', 'Not signed in, or no valid token'),
  '403': json('Error', 'Your role may not do this, or a write signed in by cookie came from another origin'),
};
/** Routes that take a JSON body also answer 415 to a body of another Content-Type. */
export const bodyErrors = {
  ...errors,
  '415': json('Error', 'The body was not sent as Content-Type: application/json'),
};

export const slugParameter = {
  name: 'slug',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
};

export function bodySchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}
