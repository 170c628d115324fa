import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { config } from '@/lib/config';
import { getCurrentUser } from '@/lib/server/auth/session';
import { demoUsers, DEMO_PASSWORD } from '@/lib/server/demo/demo-users';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage() {
  if (await getCurrentUser()) redirect('/fleet');
  const cfg = config();
  return (
    <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Sign in to Fleetpane</h1>
      <LoginForm credentials={cfg.demo} oidcName={cfg.oidc?.name ?? null} />
      {cfg.demo && (
        <div className="mt-6 border-t border-slate-200 pt-4 text-sm text-slate-600">
          <p>
            Demo mode. Every demo user&apos;s password is <code className="font-mono">{DEMO_PASSWORD}</code>:
          </p>
          <ul className="mt-1 font-mono text-xs">
            {demoUsers.map((u) => (
              <li key={u.email}>{u.email}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
