'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { readContractForm } from '@/lib/sla/contract-input';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';
import { updateContract } from '@/lib/server/sla/update-contract';

// A deliberate entry point: updateContract checks the caller and their scope on this chain itself.

// Errors are keyed by the form's field names; `values` refills the form, which React resets after an action.
export type ContractFormState = FormState;

export async function saveContractAction(_previous: ContractFormState, formData: FormData): Promise<ContractFormState> {
  // Any slug goes to updateContract: it checks the caller before it looks the chain up.
  const slug = String(formData.get('slug') ?? '');
  const form = readContractForm(formData);
  const result = await formAction<ContractFormState & { version?: number }>(
    formData,
    () => updateContract(slug, form.input),
    form.fieldName,
  );
  if (result.version === undefined) return result;
  revalidatePath(`/chains/${slug}`, 'layout');
  redirect(`/chains/${slug}/contract?saved=1`);
}
