import 'server-only';
import { AppError } from '@/lib/app-error';
import { errorResponse } from '@/lib/server/api/respond';
import { reserveSignInAttempt } from './sign-in-throttle';

// The throttle's gate in front of next-auth's credentials callback. It sits at the route, not inside
// verifyCredentials, because only the route can answer 429 with Retry-After (next-auth turns any refusal
// from `authorize` into its own 401), and because a refused attempt must not reach the password check.

/** The email an attempt names, read from a copy of the body as next-auth reads it (form or JSON). */
async function attemptEmail(request: Request): Promise<string | null> {
  const type = request.headers.get('content-type') ?? '';
  let value: unknown;
  try {
    if (type.includes('application/json')) value = ((await request.json()) as { email?: unknown } | null)?.email;
    else if (type.includes('application/x-www-form-urlencoded'))
      value = new URLSearchParams(await request.text()).get('email');
  } catch {
    return null;
  }
  // Bounded like the email check itself, so a huge value cannot become a huge key.
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase().slice(0, 254) : null;
}

function isCredentialsCallback(request: Request): boolean {
  return request.method === 'POST' && new URL(request.url).pathname.endsWith('/api/auth/callback/credentials');
}

/**
 * null when the request may go on to next-auth (counted, if it is a credentials sign-in); otherwise the 429
 * naming the wait, without the password having been looked at.
 */
export async function gateCredentialsSignIn(request: Request, ip: string | null): Promise<Response | null> {
  if (!isCredentialsCallback(request)) return null;
  const reservation = await reserveSignInAttempt({ email: await attemptEmail(request.clone()), ip });
  if (reservation.admitted) return null;
  const seconds = reservation.retryAfterSeconds;
  const unit = seconds === 1 ? 'second' : 'seconds';
  const response = errorResponse(
    new AppError('too-many-requests', `Too many failed sign-ins. Try again in ${seconds} ${unit}.`),
  );
  response.headers.set('Retry-After', String(seconds));
  return response;
}
