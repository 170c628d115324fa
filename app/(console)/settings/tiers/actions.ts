'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { readTierForm } from '@/lib/sla/tier-input';
import { saveTier } from '@/lib/server/sla/save-tier';

// A deliberate entry point: saveTier checks the caller (admins only) itself.

export type TierFormState = { message?: string; errors?: Record<string, string[]>; values?: Record<string, string> };

export async function saveTierAction(_previous: TierFormState, formData: FormData): Promise<TierFormState> {
  const form = readTierForm(formData);
  const result = await saveTier(form.input, { create: formData.get('mode') === 'create' });
  if (!result.ok) {
    const errors: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(result.errors ?? {}))
      (errors[form.fieldName(path)] ??= []).push(...messages);
    const values = Object.fromEntries(
      [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('$')),
    );
    return { message: result.message, errors, values };
  }
  revalidatePath('/', 'layout');
  redirect('/settings/tiers?saved=1');
}
