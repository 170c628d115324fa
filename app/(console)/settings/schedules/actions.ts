'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/app-error';
import { authorize } from '@/lib/server/auth/authorize';
import { requestIp } from '@/lib/server/auth/request-ip';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';

// A deliberate entry point: it checks the caller (admins only) itself, whatever shows the button; the
// request is audited with it.

export type RunNowState = FormState & { ok?: boolean };

const nameSchema = z.string().trim().min(1).max(100);

export async function runScheduleNowAction(_previous: RunNowState, formData: FormData): Promise<RunNowState> {
  return formAction<RunNowState>(null, async () => {
    const user = await authorize('schedules:manage', { target: '/settings/schedules' });
    const name = nameSchema.safeParse(formData.get('name'));
    if (!name.success) throw new AppError('bad-request', 'Name the job to run.');
    const found = await requestRunNow(name.data, { actor: { id: user.id, email: user.email }, ip: await requestIp() });
    if (!found) throw new AppError('not-found', `There is no job named "${name.data}".`);
    revalidatePath('/settings/schedules');
    return { ok: true, message: 'Due now: a worker starts it within a second or so.' };
  });
}
