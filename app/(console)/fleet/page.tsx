import type { Metadata } from 'next';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { findFleetChains } from '@/lib/server/fleet/find-fleet-chains';
import { findLastCollectorRun } from '@/lib/server/fleet/find-last-collector-run';
import { FleetTable } from './fleet-table';

export const metadata: Metadata = { title: 'Fleet' };

export default async function FleetPage() {
  const user = await authorizePage('fleet:read');
  const [chains, lastRun] = await Promise.all([findFleetChains(), findLastCollectorRun()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Fleet</h1>
      <FleetTable initial={{ chains, lastRun }} canRefresh={can(user.role, 'fleet:refresh')} />
    </>
  );
}
