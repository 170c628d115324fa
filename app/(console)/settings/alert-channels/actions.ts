'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createChannel } from '@/lib/server/alerts/create-channel';
import { deleteChannel } from '@/lib/server/alerts/delete-channel';
import { sendTestNotification } from '@/lib/server/alerts/send-test-notification';
import { authorize } from '@/lib/server/auth/authorize';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';

// Deliberate entry points: each checks the caller itself (alerts:channels), then goes through the same
// audited data functions as the API.

export type CreateChannelState = FormState & { secret?: string | null };

const list = (v: FormDataEntryValue | null) =>
  typeof v === 'string'
    ? v
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** The form's fields as the API's body (a blank URL is absent, so an e-mail channel has none). */
function channelBody(formData: FormData) {
  const url = formData.get('url');
  return {
    name: formData.get('name'),
    kind: formData.get('kind'),
    ...(typeof url === 'string' && url.trim() ? { url } : {}),
    emails: list(formData.get('emails')),
    toAccountManager: formData.get('toAccountManager') === 'on',
    severities: formData.getAll('severities'),
    tierKeys: list(formData.get('tierKeys')),
    chainSlugs: list(formData.get('chainSlugs')),
    nightlySummary: formData.get('nightlySummary') === 'on',
  };
}

export async function createChannelAction(
  _previous: CreateChannelState,
  formData: FormData,
): Promise<CreateChannelState> {
  return formAction<CreateChannelState>(formData, async () => {
    const user = await authorize('alerts:channels', { target: 'alert-channels' });
    const { channel, secret } = await createChannel(channelBody(formData), user);
    revalidatePath('/settings/alert-channels');
    return {
      secret,
      message: secret
        ? `Channel "${channel.name}" created. Copy its signing secret now: it is not shown again.`
        : `Channel "${channel.name}" created.`,
    };
  });
}

export async function deleteChannelAction(formData: FormData): Promise<void> {
  await formAction(null, async () => {
    const user = await authorize('alerts:channels', { target: 'alert-channels' });
    const id = z.uuid().safeParse(formData.get('id'));
    if (id.success) await deleteChannel(id.data, user);
    revalidatePath('/settings/alert-channels');
    return {};
  });
}

export async function sendTestAction(formData: FormData): Promise<void> {
  await formAction(null, async () => {
    const user = await authorize('alerts:channels', { target: 'alert-channels' });
    const id = z.uuid().safeParse(formData.get('id'));
    if (id.success) await sendTestNotification(id.data, user);
    revalidatePath('/settings/alert-channels');
    return {};
  });
}
