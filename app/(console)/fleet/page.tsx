import type { Metadata } from 'next';
import { PAGE_SIZE, searchParamsRecord } from '@/lib/fleet-query';
import { fleetQuerySchema } from '@/lib/fleet-query-schema';
import { authorizePage } from '@/lib/server/auth/authorize';
import { can } from '@/lib/server/auth/roles';
import { findCheckTile } from '@/lib/server/checks/find-checks';
import { findFleetPageShared } from '@/lib/server/fleet/find-fleet-page';
import { NightlyCheckTile } from './check-tile';
import { FleetView } from './fleet-view';

export const metadata: Metadata = { title: 'Fleet' };

// Built once: a zod schema compiles its parser on first use, and that is not work to repeat per render.
const querySchema = fleetQuerySchema(PAGE_SIZE);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FleetPage({ searchParams }: Props) {
  const user = await authorizePage('fleet:read');
  const parsed = querySchema.safeParse(searchParamsRecord(await searchParams));
  // A hand-edited link with a bad filter shows the whole fleet and says so, rather than failing.
  const query = parsed.success ? parsed.data : querySchema.parse({});
  const [page, checkTile] = await Promise.all([findFleetPageShared(query), findCheckTile()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Fleet</h1>
      {!parsed.success && (
        <p role="status" className="mt-2 text-sm text-warn">
          Some filters in the address were not understood and were ignored:{' '}
          {parsed.error.issues.map((i) => i.message).join('; ')}
        </p>
      )}
      <NightlyCheckTile tile={checkTile} canRun={can(user.role, 'checks:run')} />
      <FleetView query={query} initial={page} canRefresh={can(user.role, 'fleet:refresh')} />
    </>
  );
}
