import 'server-only';
import type { z } from 'zod';
import { reassignResponseSchema, userResponseSchema, userSchema, usersResponseSchema } from '@/lib/users/user-dto';
import { createUserInputSchema, reassignChainsInputSchema, updateUserInputSchema } from '@/lib/users/user-input';

// The user administration part of the OpenAPI document (admins only). Its own module so the document's
// main file stays readable; openapi.ts passes in its helpers and registers these schemas.

export const userSchemas = [userSchema, usersResponseSchema, userResponseSchema, reassignResponseSchema];

type JsonSchema = Record<string, unknown>;
type Helpers = {
  json: (id: string, description: string) => JsonSchema;
  errors: Record<string, JsonSchema>;
  bodySchema: (schema: z.ZodType) => JsonSchema;
};

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

export function userPaths({ json, errors, bodySchema }: Helpers): Record<string, JsonSchema> {
  const body = (schema: z.ZodType) => ({
    required: true,
    content: { 'application/json': { schema: bodySchema(schema) } },
  });
  const noUser = json('Error', 'No such user');
  return {
    '/users': {
      get: {
        summary: 'Every user: role, status, the chains they manage, last sign-in (admins)',
        operationId: 'listUsers',
        responses: { '200': json('UsersResponse', 'The users'), ...errors },
      },
      post: {
        summary: 'Add a user (admins). The password is read by the demo sign-in only; production signs in via OIDC',
        operationId: 'createUser',
        requestBody: body(createUserInputSchema),
        responses: {
          '201': json('UserResponse', 'The user as added; Location: /api/v1/users/{id}'),
          '409': json('Error', 'A user with this email exists already'),
          ...errors,
        },
      },
    },
    '/users/{id}': {
      patch: {
        summary:
          "Change a user's name, role or status (admins). Deactivating revokes their API tokens; deactivating or a role change ends their sessions",
        operationId: 'updateUser',
        parameters: [idParameter],
        requestBody: body(updateUserInputSchema),
        responses: {
          '200': json('UserResponse', 'The user as changed, and the chains left without an account manager'),
          '404': noUser,
          '409': json('Error', 'The last active admin cannot be demoted or deactivated'),
          ...errors,
        },
      },
    },
    '/users/{id}/chains': {
      post: {
        summary: 'Make this account manager the manager of the chains named, all or nothing (admins)',
        operationId: 'reassignChains',
        parameters: [idParameter],
        requestBody: body(reassignChainsInputSchema),
        responses: {
          '200': json('ReassignResponse', 'The account manager, and the chains that changed hands'),
          '404': noUser,
          '409': json('Error', 'The user is not an active account manager'),
          ...errors,
        },
      },
    },
  };
}
