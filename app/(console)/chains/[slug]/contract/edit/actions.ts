'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { chainSlugSchema } from '@/lib/chain-slug';
import { readContractForm } from '@/lib/sla/contract-input';
import { updateContract } from '@/lib/server/sla/update-contract';

// A deliberate entry point: updateContract checks the caller and their scope on this chain itself.

// Errors are keyed by the form's field names; `values` refills the form, which React resets after an action.
export type ContractFormState = {
  message?: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
};

export async function saveContractAction(_previous: ContractFormState, formData: FormData): Promise<ContractFormState> {
  const slug = chainSlugSchema.safeParse(formData.get('slug'));
  if (!slug.success) return { message: 'Unknown chain.' };
  const form = readContractForm(formData);
  const result = await updateContract(slug.data, form.input);
  if (!result.ok) {
    const errors: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(result.errors ?? {}))
      (errors[form.fieldName(path)] ??= []).push(...messages);
    const values = Object.fromEntries(
      [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('$')),
    );
    return { message: result.message, errors, values };
  }
  revalidatePath(`/chains/${slug.data}`, 'layout');
  redirect(`/chains/${slug.data}/contract?saved=1`);
}
