'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { chainSlugSchema } from '@/lib/chain-slug';
import { readContractForm } from '@/lib/sla/contract-input';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';
import { updateContract } from '@/lib/server/sla/update-contract';

// A deliberate entry point: updateContract checks the caller and their scope on this chain itself.

// Errors are keyed by the form's field names; `values` refills the form, which React resets after an action.
export type ContractFormState = FormState;

export async function saveContractAction(_previous: ContractFormState, formData: FormData): Promise<ContractFormState> {
  const slug = chainSlugSchema.safeParse(formData.get('slug'));
  if (!slug.success) return { message: 'Unknown chain.' };
  const form = readContractForm(formData);
  const result = await formAction<ContractFormState & { version?: number }>(
    formData,
    () => updateContract(slug.data, form.input),
    form.fieldName,
  );
  if (result.version === undefined) return result;
  revalidatePath(`/chains/${slug.data}`, 'layout');
  redirect(`/chains/${slug.data}/contract?saved=1`);
}
