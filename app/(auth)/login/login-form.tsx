'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { signInWithPassword } from './sign-in-with-password';

export function LoginForm({ credentials, oidcName }: { credentials: boolean; oidcName: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithPassword(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    setPending(false);
    if (result.ok) {
      router.replace('/fleet');
      router.refresh();
    } else if (result.retryAfterSeconds) {
      const n = result.retryAfterSeconds;
      setError(`Too many failed sign-ins. Try again in ${n} ${n === 1 ? 'second' : 'seconds'}.`);
    } else {
      setError('Wrong email or password.');
    }
  }

  return (
    <div className="mt-4 space-y-4">
      {credentials && (
        <form onSubmit={onSubmit} className="space-y-3" aria-describedby={error ? 'login-error' : undefined}>
          <label className="block text-sm">
            <span className="font-medium">Email</span>
            <input
              name="email"
              type="email"
              autoComplete="username"
              required
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
            />
          </label>
          <label className="block text-sm">
            <span className="font-medium">Password</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
            />
          </label>
          {error && (
            <p id="login-error" role="alert" className="text-sm text-bad">
              {error}
            </p>
          )}
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white disabled:opacity-60"
          >
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
      {oidcName && (
        <button
          type="button"
          onClick={() => signIn('oidc', { callbackUrl: '/fleet' })}
          className="w-full rounded border border-slate-300 px-3 py-2 text-sm font-medium"
        >
          Sign in with {oidcName}
        </button>
      )}
      {!credentials && !oidcName && <p className="text-sm text-bad">No sign-in method is configured.</p>}
    </div>
  );
}
