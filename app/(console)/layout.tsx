import Link from 'next/link';
import type { ReactNode } from 'react';
import { CommandPalette } from '@/components/command-palette';
import { Providers } from '@/components/providers';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can, roleLabels } from '@/lib/server/auth/roles';
import type { Permission } from '@/lib/server/auth/roles';
import { SignOutButton } from './sign-out-button';

// The main navigation; an entry with a permission shows only to roles that hold it (the pages check again).
const nav: { href: string; label: string; permission?: Permission }[] = [
  { href: '/fleet', label: 'Fleet' },
  { href: '/sla', label: 'SLA' },
  { href: '/operations', label: 'Operations' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/flags', label: 'Flags' },
  { href: '/reports/costs', label: 'Costs', permission: 'costs:read' },
  { href: '/settings/tiers', label: 'Tiers', permission: 'tiers:manage' },
  { href: '/settings/prices', label: 'Prices', permission: 'prices:manage' },
  { href: '/settings/schedules', label: 'Schedules', permission: 'schedules:manage' },
  { href: '/settings/users', label: 'Users', permission: 'users:manage' },
  { href: '/settings/alert-channels', label: 'Alert channels', permission: 'alerts:channels' },
  { href: '/audit', label: 'Audit', permission: 'audit:read' },
  { href: '/settings/tokens', label: 'API tokens' },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await authorizePage();
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
          <Link href="/fleet" className="font-semibold tracking-tight">
            Fleetpane
          </Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            {nav
              .filter((item) => !item.permission || can(user.role, item.permission))
              .map((item) => (
                <Link key={item.href} href={item.href} className="text-slate-700 hover:text-slate-950">
                  {item.label}
                </Link>
              ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <CommandPalette />
            <span data-testid="current-user">
              {user.name} · <span className="text-slate-500">{roleLabels[user.role]}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </Providers>
  );
}
