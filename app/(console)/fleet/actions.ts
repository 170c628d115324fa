'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/server/auth/authorize';
import { runNightlyCheck } from '@/lib/server/checks/run-nightly-check';
import { formAction } from '@/lib/server/form-action';
import type { FormState } from '@/lib/server/form-action';

// A deliberate entry point: it checks the caller (ops, admins) itself, whatever shows the button. The schedules
// page's "Run now" is for admins only (schedules:manage); ops run the check here. Runs over the whole fleet now,
// queues no drill and sends no e-mail (the 03:00 run does both); audited as checks.run.

export type RunCheckState = FormState & { ok?: boolean };

export async function runNightlyCheckAction(_previous: RunCheckState, _formData: FormData): Promise<RunCheckState> {
  return formAction<RunCheckState>(null, async () => {
    const user = await authorize('checks:run', { target: '/fleet' });
    const run = await runNightlyCheck({ trigger: 'manual', requestedBy: { id: user.id, email: user.email } });
    revalidatePath('/fleet');
    return {
      ok: true,
      message: `Checked ${run.chains.length} chains: ${run.counts.ok} ok, ${run.counts.warn} warn, ${run.counts.fail} fail.`,
    };
  });
}
