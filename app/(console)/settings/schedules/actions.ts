'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorize, AuthError } from '@/lib/server/auth/authorize';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';
import { requestIp } from '@/lib/server/auth/session';

// A deliberate entry point: it checks the caller (admins only) itself, whatever shows the button, and
// audits the request.

export type RunNowState = { ok?: boolean; message?: string };

const nameSchema = z.string().trim().min(1).max(100);

export async function runScheduleNowAction(_previous: RunNowState, formData: FormData): Promise<RunNowState> {
  let user;
  try {
    user = await authorize('schedules:manage', { target: '/settings/schedules' });
  } catch (error) {
    if (error instanceof AuthError) return { message: error.message };
    throw error;
  }
  const name = nameSchema.safeParse(formData.get('name'));
  if (!name.success) return { message: 'Name the job to run.' };
  const found = await requestRunNow(name.data);
  await recordAuditEvent({
    actor: { id: user.id, email: user.email },
    action: 'schedule.run-now',
    result: found ? 'ok' : 'failed',
    target: name.data,
    ip: await requestIp(),
    detail: found ? undefined : { reason: 'no such job' },
  });
  if (!found) return { message: `There is no job named "${name.data}".` };
  revalidatePath('/settings/schedules');
  return { ok: true, message: 'Due now: a worker starts it within a second or so.' };
}
