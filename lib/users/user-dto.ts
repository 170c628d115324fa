// What user administration hands out, to the API and to the settings page alike: plain data, never the
// Prisma row (no password hash). The type is inferred from the schema the OpenAPI document is built from.
import { z } from 'zod';
import { roles } from '@/lib/server/auth/roles';

const isoDate = z.string().describe('ISO 8601 date-time, UTC');

export const managedChainSchema = z.object({ slug: z.string(), name: z.string() });

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    active: z.boolean(),
    signsInWith: z.enum(['password', 'oidc']).describe('password: demo mode only; oidc: the identity provider'),
    isDemo: z.boolean().describe('A seeded demo user, refused outside demo mode'),
    createdAt: isoDate,
    lastSignInAt: isoDate.nullable().describe('The last successful sign-in, from the audit log'),
    chains: z.array(managedChainSchema).describe('The chains this user is the account manager of'),
  })
  .meta({ id: 'User' });

export type UserDto = z.infer<typeof userSchema>;

export const userResponseSchema = z
  .object({
    user: userSchema,
    unassignedChains: z
      .array(z.string())
      .describe('Slugs of the chains left without an account manager by this change (deactivation, role change)'),
  })
  .meta({ id: 'UserResponse' });

export const usersResponseSchema = z.object({ users: z.array(userSchema) }).meta({ id: 'UsersResponse' });

export const reassignResponseSchema = z
  .object({
    user: userSchema,
    moved: z
      .array(z.object({ slug: z.string(), from: z.string().nullable().describe("The previous manager's email") }))
      .describe('The chains that changed hands; chains the user already managed are left out'),
  })
  .meta({ id: 'ReassignResponse' });

export type ReassignResult = z.infer<typeof reassignResponseSchema>;
export type UserResult = z.infer<typeof userResponseSchema>;
