import Link from 'next/link';
import type { ReactNode } from 'react';
import { CommandPalette } from '@/components/command-palette';
import { Providers } from '@/components/providers';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can, roleLabels } from '@/lib/server/auth/roles';
import { SignOutButton } from './sign-out-button';

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
            <Link href="/fleet" className="text-slate-700 hover:text-slate-950">
              Fleet
            </Link>
            <Link href="/sla" className="text-slate-700 hover:text-slate-950">
              SLA
            </Link>
            <Link href="/operations" className="text-slate-700 hover:text-slate-950">
              Operations
            </Link>
            {can(user.role, 'costs:read') && (
              <Link href="/reports/costs" className="text-slate-700 hover:text-slate-950">
                Costs
              </Link>
            )}
            {can(user.role, 'tiers:manage') && (
              <Link href="/settings/tiers" className="text-slate-700 hover:text-slate-950">
                Tiers
              </Link>
            )}
            {can(user.role, 'prices:manage') && (
              <Link href="/settings/prices" className="text-slate-700 hover:text-slate-950">
                Prices
              </Link>
            )}
            <Link href="/settings/tokens" className="text-slate-700 hover:text-slate-950">
              API tokens
            </Link>
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
