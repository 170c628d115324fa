// The credentials sign-in as the login form makes it: next-auth's CSRF token, then its callback. Called
// directly rather than through next-auth's signIn(), which cannot report a 429's Retry-After.

export type PasswordSignIn = { ok: true } | { ok: false; retryAfterSeconds?: number };

export async function signInWithPassword(email: string, password: string): Promise<PasswordSignIn> {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  if (res.status === 429) return { ok: false, retryAfterSeconds: Number(res.headers.get('Retry-After')) || 1 };
  if (!res.ok) return { ok: false };
  // next-auth answers a refused sign-in that it did not count as a 401 with an error in the URL.
  const { url } = (await res.json()) as { url?: string };
  return url && !new URL(url, window.location.href).searchParams.has('error') ? { ok: true } : { ok: false };
}
