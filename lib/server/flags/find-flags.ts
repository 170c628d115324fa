import 'server-only';
import type { FlagDto } from '@/lib/flags/flag-dto';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { flagSelect, toFlagDto } from './flag-records';

/** Every flag, archived ones last (and only when asked for). */
export async function findFlags(options: { archived?: boolean } = {}): Promise<FlagDto[]> {
  await authorize('fleet:read', { target: 'flags' });
  const rows = await db.flag.findMany({
    where: options.archived ? {} : { archivedAt: null },
    select: flagSelect,
    orderBy: [{ archivedAt: { sort: 'asc', nulls: 'first' } }, { key: 'asc' }],
  });
  return rows.map(toFlagDto);
}
