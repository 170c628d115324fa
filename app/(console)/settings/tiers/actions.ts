'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { readTierForm } from '@/lib/sla/tier-input';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';
import { saveTier } from '@/lib/server/sla/save-tier';

// A deliberate entry point: saveTier checks the caller (admins only) itself.

export type TierFormState = FormState;

export async function saveTierAction(_previous: TierFormState, formData: FormData): Promise<TierFormState> {
  const form = readTierForm(formData);
  const create = formData.get('mode') === 'create';
  const result = await formAction<TierFormState & { key?: string }>(
    formData,
    () => saveTier(form.input, { create }),
    form.fieldName,
  );
  if (result.key === undefined) return result;
  revalidatePath('/', 'layout');
  redirect('/settings/tiers?saved=1');
}
