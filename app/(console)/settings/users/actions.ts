'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';
import { createUser } from '@/lib/server/users/create-user';
import { reassignChains } from '@/lib/server/users/reassign-chains';
import { updateUser } from '@/lib/server/users/update-user';

// Deliberate entry points: each data function checks the caller itself (users:manage), whatever calls it.

export type UserFormState = FormState & { done?: boolean };

export async function createUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const password = formData.get('password');
  const input = {
    email: formData.get('email'),
    name: formData.get('name'),
    role: formData.get('role'),
    ...(typeof password === 'string' && password !== '' ? { password } : {}),
  };
  // The form is refilled with what was typed after an error, but never with the password.
  const refill = new FormData();
  for (const [key, value] of formData.entries()) if (key !== 'password') refill.append(key, value);
  return answer(
    await formAction<UserFormState>(refill, async () => {
      const { user } = await createUser(input);
      return { done: true, message: `Added ${user.email} (${user.role}).` };
    }),
  );
}

export async function changeRoleAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return answer(
    await formAction<UserFormState>(null, async () => {
      const { user, unassignedChains } = await updateUser(formData.get('id'), { role: formData.get('role') });
      return { done: true, message: `${user.email} is now ${user.role}.${unassignedNote(unassignedChains)}` };
    }),
  );
}

export async function setActiveAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const active = formData.get('active') === 'true';
  return answer(
    await formAction<UserFormState>(null, async () => {
      const { user, unassignedChains } = await updateUser(formData.get('id'), { active });
      const what = active ? 'reactivated' : 'deactivated: their sessions and API tokens no longer work';
      return { done: true, message: `${user.email} ${what}.${unassignedNote(unassignedChains)}` };
    }),
  );
}

export async function reassignChainsAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return answer(
    await formAction<UserFormState>(formData, async () => {
      const { user, moved } = await reassignChains(formData.get('manager'), { chains: formData.getAll('chains') });
      const names = moved.map((m) => m.slug).join(', ');
      return {
        done: true,
        message: moved.length ? `${user.email} now manages ${names}.` : `${user.email} already managed them.`,
      };
    }),
  );
}

const unassignedNote = (slugs: string[]) =>
  slugs.length ? ` Now without an account manager: ${slugs.join(', ')}. Reassign them below.` : '';

function answer(state: UserFormState): UserFormState {
  if (state.done) revalidatePath('/settings/users');
  return state;
}
