'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';
import { savePrice } from '@/lib/server/finance/save-price';

// A deliberate entry point: savePrice checks the caller (admins only) itself.

export type PriceFormState = FormState & { saved?: boolean };

export async function savePriceAction(_previous: PriceFormState, formData: FormData): Promise<PriceFormState> {
  const input = {
    kind: formData.get('kind'),
    region: formData.get('region'),
    sku: formData.get('sku') ?? '',
    unitPrice: formData.get('unitPrice'),
  };
  const result = await formAction<PriceFormState>(null, () => savePrice(input));
  if (!result.saved) return result;
  revalidatePath('/settings/prices');
  return { saved: true, message: 'Saved. Estimates use it from now on.' };
}
