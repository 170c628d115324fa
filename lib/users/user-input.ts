// What an admin sends to add or change a user, from a form, the API or the CLI: one schema each, with
// messages a person can act on. Unknown fields are refused, so a typo is not silently ignored.
import { z } from 'zod';
import { chainSlugSchema } from '@/lib/chain-slug';
import { roles } from '@/lib/server/auth/roles';

const role = z.enum(roles, { error: `The role is one of ${roles.join(', ')}` });
const name = z
  .string({ error: 'The name is required' })
  .trim()
  .min(1, 'The name is required')
  .max(100, 'The name is at most 100 characters')
  .refine((v) => !/\p{Cc}/u.test(v), 'The name has no control characters');

export const createUserInputSchema = z.strictObject({
  // Emails are kept lower-case: OIDC sign-in matches on the lower-cased email.
  email: z
    .string({ error: 'The email is required' })
    .trim()
    .max(254, 'The email is at most 254 characters')
    .pipe(z.email('An email address such as jane@example.com'))
    .transform((v) => v.toLowerCase()),
  name,
  role,
  // Only the demo's credentials sign-in reads it; production signs in through OIDC.
  password: z
    .string()
    .min(12, 'The password is at least 12 characters')
    .max(200, 'The password is at most 200 characters')
    .optional(),
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const updateUserInputSchema = z
  .strictObject({ name: name.optional(), role: role.optional(), active: z.boolean().optional() })
  .refine((u) => u.name !== undefined || u.role !== undefined || u.active !== undefined, {
    message: 'Send at least one of name, role, active',
  });
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const reassignChainsInputSchema = z.strictObject({
  chains: z
    .array(chainSlugSchema, { error: 'chains is a list of chain slugs' })
    .min(1, 'Pick at least one chain')
    .max(1000, 'At most 1000 chains at once'),
});
export type ReassignChainsInput = z.infer<typeof reassignChainsInputSchema>;

export const userIdSchema = z.uuid('A user id is a UUID');
