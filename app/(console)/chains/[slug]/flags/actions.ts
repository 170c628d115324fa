'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/app-error';
import { parseFlagFormValue } from '@/lib/flags/flag-form-value';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { formAction } from '@/lib/server/form-action';
import type { Enqueued } from '@/lib/server/operations/kernel/enqueue';
import type { FormState } from '@/lib/server/form-action';
import { adoptLiveFlag } from '@/lib/server/flags/adopt-live-flag';
import { reapplyChainFlag, setChainFlag } from '@/lib/server/flags/request-flag-delivery';

// Deliberate entry points: each function they call checks the caller on the chain (ops and admins) itself,
// whatever shows the form, and audits the request in the same transaction as the change.

export type FlagFormState = FormState & { ok?: boolean };

const fields = z.object({
  slug: z.string().min(1).max(63),
  key: z.string().min(1).max(64),
  idempotencyKey: z.string().min(8).max(128),
});

/** The caller first (ops and admins), before anything sent is read; the chain is checked again with the chain. */
async function read(formData: FormData) {
  await authorize('flags:write', { target: 'flags' });
  const f = fields.safeParse({
    slug: formData.get('slug'),
    key: formData.get('key'),
    idempotencyKey: formData.get('idempotencyKey'),
  });
  if (!f.success) throw new AppError('bad-request', 'The form is missing its chain, flag or key: reload the page.');
  return f.data;
}

/** What became of the request, from the queue's own answer (a repeated key is the same request, answered again). */
async function queued(r: Enqueued): Promise<string> {
  const id = r.operation.id.slice(0, 8);
  if (!r.created) return `Already requested: operation ${id} is ${r.operation.status}.`;
  const op = await db.operation.findUnique({ where: { id: r.operation.id }, select: { needsApproval: true } });
  return op?.needsApproval
    ? `Queued: waits for a second person's approval on the operations page (${id}).`
    : `Queued: delivering to the chain's Parameter Store (${id}).`;
}

export async function setChainFlagAction(_previous: FlagFormState, formData: FormData): Promise<FlagFormState> {
  return formAction<FlagFormState>(formData, async () => {
    const f = await read(formData);
    const value = parseFlagFormValue(String(formData.get('type') ?? ''), formData.get('value'));
    const r = await setChainFlag({ ...f, body: { value } });
    revalidatePath(`/chains/${f.slug}/flags`);
    return { ok: true, message: await queued(r) };
  });
}

export async function reapplyChainFlagAction(_previous: FlagFormState, formData: FormData): Promise<FlagFormState> {
  return formAction<FlagFormState>(formData, async () => {
    const f = await read(formData);
    const r = await reapplyChainFlag(f);
    revalidatePath(`/chains/${f.slug}/flags`);
    return { ok: true, message: await queued(r) };
  });
}

export async function adoptLiveFlagAction(_previous: FlagFormState, formData: FormData): Promise<FlagFormState> {
  return formAction<FlagFormState>(formData, async () => {
    const f = await read(formData);
    await adoptLiveFlag({ slug: f.slug, key: f.key });
    revalidatePath(`/chains/${f.slug}/flags`);
    return { ok: true, message: "Adopted: the chain's live value is now its value in Fleetpane." };
  });
}
