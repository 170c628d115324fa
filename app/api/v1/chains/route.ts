import { NextResponse } from 'next/server';
import { withAuth } from '@/lib/server/auth/authorize';
import { findFleetChains } from '@/lib/server/fleet/find-fleet-chains';
import { findLastCollectorRun } from '@/lib/server/fleet/find-last-collector-run';

export const GET = withAuth('fleet:read', async () => {
  const [chains, lastRun] = await Promise.all([findFleetChains(), findLastCollectorRun()]);
  return NextResponse.json({ chains, lastRun });
});
