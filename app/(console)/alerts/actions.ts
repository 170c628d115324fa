'use server';

import { formatUtc } from '@/lib/format';
import { revalidatePath } from 'next/cache';
import { AppError } from '@/lib/app-error';
import { acknowledgeAlert } from '@/lib/server/alerts/acknowledge-alert';
import { createMaintenanceWindow, deleteMaintenanceWindow } from '@/lib/server/alerts/maintenance-windows';
import { createSilence, expireSilence } from '@/lib/server/alerts/silences';
import { authorize } from '@/lib/server/auth/authorize';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';

// The /alerts page's forms. Each checks the caller before reading the form, and the function it calls checks
// again (on the alert's chain for an acknowledgement) and audits the change in the same transaction.

export type AlertFormState = FormState & { ok?: boolean };

const text = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};
const idOf = (formData: FormData) => {
  const id = text(formData, 'id');
  if (!id) throw new AppError('bad-request', 'The form is missing its id: reload the page.');
  return id;
};
const done = (message: string): AlertFormState => {
  revalidatePath('/alerts');
  return { ok: true, message };
};

export async function acknowledgeAlertAction(_p: AlertFormState, formData: FormData): Promise<AlertFormState> {
  return formAction<AlertFormState>(formData, async () => {
    await authorize('alerts:ack', { target: 'alerts' });
    const { alert } = await acknowledgeAlert(idOf(formData));
    return done(`Acknowledged by ${alert.acknowledgedBy ?? 'you'}: no more reminders.`);
  });
}

export async function createSilenceAction(_p: AlertFormState, formData: FormData): Promise<AlertFormState> {
  return formAction<AlertFormState>(formData, async () => {
    await authorize('alerts:silence', { target: 'silences' });
    const hours = Number(text(formData, 'hours') ?? 'NaN');
    if (!Number.isFinite(hours) || hours < 0.25 || hours > 720)
      throw new AppError('bad-request', 'Invalid request', { fields: { hours: ['hours: from 0.25 to 720'] } });
    const { silence } = await createSilence({
      chain: text(formData, 'chain'),
      rule: text(formData, 'rule'),
      endsAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
      reason: text(formData, 'reason') ?? '',
    });
    return done(`Silenced until ${formatUtc(silence.endsAt)}.`);
  });
}

export async function expireSilenceAction(_p: AlertFormState, formData: FormData): Promise<AlertFormState> {
  return formAction<AlertFormState>(formData, async () => {
    await authorize('alerts:silence', { target: 'silences' });
    await expireSilence(idOf(formData));
    return done('Silence ended.');
  });
}

export async function createMaintenanceWindowAction(_p: AlertFormState, formData: FormData): Promise<AlertFormState> {
  return formAction<AlertFormState>(formData, async () => {
    await authorize('alerts:silence', { target: 'maintenance-windows' });
    const { window } = await createMaintenanceWindow({
      chain: text(formData, 'chain') ?? '',
      cron: text(formData, 'cron') ?? '',
      durationMinutes: text(formData, 'durationMinutes') ?? '',
      reason: text(formData, 'reason') ?? '',
    });
    return done(`Maintenance window for ${window.chain.name} saved.`);
  });
}

export async function deleteMaintenanceWindowAction(_p: AlertFormState, formData: FormData): Promise<AlertFormState> {
  return formAction<AlertFormState>(formData, async () => {
    await authorize('alerts:silence', { target: 'maintenance-windows' });
    await deleteMaintenanceWindow(idOf(formData));
    return done('Maintenance window deleted.');
  });
}
