'use server';

import { revalidatePath } from 'next/cache';
import { savePrice } from '@/lib/server/finance/save-price';

// A deliberate entry point: savePrice checks the caller (admins only) itself.

export type PriceFormState = { message?: string; errors?: Record<string, string[]>; saved?: boolean };

export async function savePriceAction(_previous: PriceFormState, formData: FormData): Promise<PriceFormState> {
  const result = await savePrice({
    kind: formData.get('kind'),
    region: formData.get('region'),
    sku: formData.get('sku') ?? '',
    unitPrice: formData.get('unitPrice'),
  });
  if (!result.ok) return { message: result.message, errors: result.errors };
  revalidatePath('/settings/prices');
  return { saved: true, message: 'Saved. Estimates use it from now on.' };
}
