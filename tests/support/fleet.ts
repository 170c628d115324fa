// The whole fleet as the read API lists it, for tests.
import { API_PAGE_SIZE } from '@/lib/fleet-query';
import { fleetQuerySchema } from '@/lib/fleet-query-schema';
import type { FleetChain } from '@/lib/fleet/dto';
import { findFleetPage } from '@/lib/server/fleet/find-fleet-page';

export async function listFleet(filters: Record<string, string> = {}): Promise<FleetChain[]> {
  return (await findFleetPage(fleetQuerySchema(API_PAGE_SIZE).parse(filters))).chains;
}
