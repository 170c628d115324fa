import type { Metadata } from 'next';
import { formatAge, formatUtc } from '@/lib/format';
import { listApiTokens } from '@/lib/server/auth/api-tokens';
import { authorizePage } from '@/lib/server/auth/authorize';
import { revokeTokenAction } from './actions';
import { CreateTokenForm } from './create-token-form';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const user = await authorizePage('fleet:read');
  const tokens = await listApiTokens(user.id);
  return (
    <>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Personal tokens for scripts and pipelines: send one as{' '}
        <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to the read API (
        <a className="text-blue-800 underline" href="/api/v1/openapi.json">
          OpenAPI document
        </a>
        ). A token acts as you, with your role.
      </p>
      <CreateTokenForm />
      <table className="mt-6 w-full max-w-3xl text-left text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Token</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.length === 0 && (
            <tr>
              <td colSpan={5} className="py-3 text-slate-500">
                No token yet.
              </td>
            </tr>
          )}
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`}>
              <td className="py-2">{t.name}</td>
              <td className="font-mono text-xs">{t.prefix}…</td>
              <td>{formatUtc(t.createdAt)}</td>
              <td>{formatAge(t.lastUsedAt)}</td>
              <td className="text-right">
                {t.revokedAt ? (
                  <span className="text-slate-500">revoked {formatAge(t.revokedAt)}</span>
                ) : (
                  <form action={revokeTokenAction}>
                    <input type="hidden" name="id" value={t.id} />
                    <button type="submit" className="rounded border border-slate-300 px-2 py-0.5">
                      Revoke <span className="sr-only">{t.name}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
