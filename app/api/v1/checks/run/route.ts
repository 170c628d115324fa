import { NextResponse } from 'next/server';
import { runChecksInputSchema } from '@/lib/checks/check-dto';
import { badRequest, readJson } from '@/lib/server/api/respond';
import { withAuth } from '@/lib/server/auth/authorize';
import { runNightlyCheck } from '@/lib/server/checks/run-nightly-check';

/** Runs the nightly check now (every chain, or those named), answering when it has finished; sends no e-mail. */
export const POST = withAuth('checks:run', async (request, { user }) => {
  // No body: every chain.
  const raw = (await request.clone().text()) ? await readJson(request) : {};
  const body = runChecksInputSchema.safeParse(raw);
  if (!body.success) return badRequest(body.error);
  const run = await runNightlyCheck({
    trigger: 'manual',
    chainSlugs: body.data.chains,
    requestedBy: { id: user.id, email: user.email },
    notify: false,
  });
  return NextResponse.json({ run });
});
