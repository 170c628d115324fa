'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createApiToken, revokeApiToken } from '@/lib/server/auth/api-tokens';
import { AppError, zodFields } from '@/lib/app-error';
import { authorize } from '@/lib/server/auth/authorize';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';

// Deliberate entry points: each checks the caller itself, and acts only on the caller's own tokens.

export type CreateTokenState = FormState & { token?: string };

const nameSchema = z.object({
  name: z.string().trim().min(1, 'Give the token a name, e.g. "CI pipeline".').max(60, 'At most 60 characters.'),
});

export async function createTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  return formAction<CreateTokenState>(null, async () => {
    const user = await authorize('fleet:read');
    const parsed = nameSchema.safeParse({ name: formData.get('name') });
    if (!parsed.success) {
      throw new AppError('bad-request', 'The token was not created.', { fields: zodFields(parsed.error) });
    }
    const { token } = await createApiToken({ userId: user.id, actorEmail: user.email, name: parsed.data.name });
    revalidatePath('/settings/tokens');
    return { token, message: 'Copy the token now: it is not shown again.' };
  });
}

export async function revokeTokenAction(formData: FormData): Promise<void> {
  await formAction(null, async () => {
    const user = await authorize('fleet:read');
    const id = z.uuid().safeParse(formData.get('id'));
    if (!id.success) return {};
    await revokeApiToken({ userId: user.id, actorEmail: user.email, id: id.data });
    revalidatePath('/settings/tokens');
    return {};
  });
}
