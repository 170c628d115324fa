import type { Metadata } from 'next';
import { config } from '@/lib/config';
import { formatAge } from '@/lib/format';
import { authorizePage } from '@/lib/server/auth/authorize';
import { roleLabels, roles } from '@/lib/server/auth/roles';
import { findChainManagers } from '@/lib/server/users/find-chain-managers';
import { findUsers } from '@/lib/server/users/find-users';
import { AddUserForm } from './add-user-form';
import { ReassignForm } from './reassign-form';
import { ActiveForm, RoleForm } from './user-row-actions';

export const metadata: Metadata = { title: 'Users' };

const roleOptions = roles.map((value) => ({ value, label: roleLabels[value] }));

export default async function UsersPage() {
  await authorizePage('users:manage');
  const [users, chains] = await Promise.all([findUsers(), findChainManagers()]);
  const managers = users.filter((u) => u.active && u.role === 'account_manager');
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Who may sign in, with which role. Your identity provider says who someone is; this list says whether they may
        enter. Deactivating someone stops their sessions and API tokens at once. The last active admin cannot be demoted
        or deactivated.
      </p>
      <AddUserForm roles={roleOptions} demo={config().demo} />
      <table className="mt-6 w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="users">
        <caption className="sr-only">Users</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              User
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Manages
            </th>
            <th scope="col" className="px-3 py-2">
              Last sign-in
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`} className="align-top">
              <td className="px-3 py-2">
                <div className="font-medium">{u.name}</div>
                <div className="text-slate-600">{u.email}</div>
              </td>
              <td className="px-3 py-2">
                <RoleForm user={u} roles={roleOptions} />
              </td>
              <td className="px-3 py-2" data-testid="manages">
                {u.chains.length ? u.chains.map((c) => c.name).join(', ') : <span className="text-slate-600">—</span>}
              </td>
              <td className="px-3 py-2">{u.lastSignInAt ? formatAge(u.lastSignInAt) : 'never'}</td>
              <td className="px-3 py-2">
                <div className={u.active ? 'text-ok' : 'text-slate-600'}>{u.active ? 'Active' : 'Deactivated'}</div>
                <ActiveForm user={u} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReassignForm chains={chains} managers={managers} />
    </>
  );
}
