import 'server-only';
import { invalid, zodIssues } from '@/lib/app-error';
import { alertQuerySchema } from '@/lib/alerts/alert-input';
import type { AlertDto } from '@/lib/alerts/alert-dto';
import type { Prisma } from '@/lib/generated/prisma/client';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { alertSelect, toAlertDtos } from './alert-records';

// GET /api/v1/alerts and the /alerts page: open alerts first (firing, then pending), all of them (at most one
// per chain and rule); then the history, newest first, a page at a time (`before` the last one's id).

export type AlertList = { alerts: AlertDto[]; nextBefore: string | null };

export async function findAlerts(query: Record<string, string | undefined>): Promise<AlertList> {
  await authorize('fleet:read', { target: 'alerts' });
  const parsed = alertQuerySchema.safeParse(query);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, { root: 'query' }));
  const q = parsed.data;
  const where: Prisma.AlertWhereInput = {
    ...(q.chain ? { chain: { slug: q.chain } } : {}),
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.rule ? { rule: q.rule } : {}),
  };
  const wantsOpen = !q.state || q.state === 'open' || q.state === 'firing' || q.state === 'pending';
  const open =
    wantsOpen && !q.before
      ? await db.alert.findMany({
          where: {
            ...where,
            status: q.state === 'firing' || q.state === 'pending' ? q.state : { in: ['firing', 'pending'] },
          },
          select: alertSelect,
          orderBy: [{ status: 'asc' }, { severity: 'asc' }, { startsAt: 'desc' }],
        })
      : [];
  let history: typeof open = [];
  let nextBefore: string | null = null;
  if (!q.state || q.state === 'resolved') {
    const cursor = q.before
      ? await db.alert.findUnique({ where: { id: q.before }, select: { startsAt: true, id: true } })
      : null;
    if (q.before && !cursor) throw invalid([`before: no alert ${q.before}`]);
    history = await db.alert.findMany({
      where: {
        ...where,
        status: 'resolved',
        ...(cursor
          ? { OR: [{ startsAt: { lt: cursor.startsAt } }, { startsAt: cursor.startsAt, id: { lt: cursor.id } }] }
          : {}),
      },
      select: alertSelect,
      orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      take: q.limit + 1,
    });
    if (history.length > q.limit) {
      history = history.slice(0, q.limit);
      nextBefore = history.at(-1)!.id;
    }
  }
  // Enum order in PostgreSQL is the declared one (pending, firing): firing first is asked for explicitly.
  open.sort((a, b) => (a.status === b.status ? 0 : a.status === 'firing' ? -1 : 1));
  return { alerts: await toAlertDtos([...open, ...history]), nextBefore };
}
