import 'server-only';
import { z } from 'zod';
import { AppError, invalid, zodIssues } from '@/lib/app-error';
import { chainSlugSchema } from '@/lib/chain-slug';
import { maintenanceWindowInputSchema } from '@/lib/alerts/alert-input';
import type { MaintenanceWindowDto } from '@/lib/alerts/alert-dto';
import { nextOpening, openWindowAt } from '@/lib/alerts/maintenance-window';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';

// A chain's recurring maintenance windows (ops, admins), e.g. Sundays 02:00–04:00 UTC: "0 2 * * SUN" for
// 120 minutes. While one is open the chain's alert notifications are held. Made and deleted, both audited.

const windowSelect = {
  id: true,
  cron: true,
  durationMinutes: true,
  reason: true,
  chain: { select: { slug: true, name: true } },
  createdBy: { select: { email: true } },
} satisfies Prisma.MaintenanceWindowSelect;

function toDto(
  w: Prisma.MaintenanceWindowGetPayload<{ select: typeof windowSelect }>,
  now = new Date(),
): MaintenanceWindowDto {
  return {
    id: w.id,
    chain: w.chain,
    cron: w.cron,
    durationMinutes: w.durationMinutes,
    reason: w.reason,
    createdBy: w.createdBy?.email ?? null,
    openUntil: openWindowAt(w, now)?.until.toISOString() ?? null,
    nextOpening: nextOpening(w.cron, now)?.toISOString() ?? null,
  };
}

/** GET /api/v1/maintenance-windows[?chain=]: every window, by chain. */
export async function findMaintenanceWindows(chain?: string): Promise<{ windows: MaintenanceWindowDto[] }> {
  await authorize('fleet:read', { target: 'maintenance-windows' });
  if (chain !== undefined && !chainSlugSchema.safeParse(chain).success)
    throw invalid(['chain: a chain slug is lowercase letters, digits and dashes']);
  const rows = await db.maintenanceWindow.findMany({
    where: chain ? { chain: { slug: chain } } : {},
    select: windowSelect,
    orderBy: [{ chain: { slug: 'asc' } }, { createdAt: 'asc' }],
  });
  return { windows: rows.map((r) => toDto(r)) };
}

/** POST /api/v1/maintenance-windows (ops, admins): 201 with the window. */
export async function createMaintenanceWindow(body: unknown): Promise<{ window: MaintenanceWindowDto }> {
  const user = await authorize('alerts:silence', { target: 'maintenance-windows' });
  const parsed = maintenanceWindowInputSchema.safeParse(body);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, { root: 'body' }));
  const w = parsed.data;
  const chain = await db.chain.findUnique({ where: { slug: w.chain }, select: { id: true, slug: true } });
  if (!chain) throw invalid([`chain: no chain ${w.chain}`]);
  const id = await db.$transaction(async (tx) => {
    const made = await tx.maintenanceWindow.create({
      data: {
        chainId: chain.id,
        cron: w.cron,
        durationMinutes: w.durationMinutes,
        reason: w.reason,
        createdById: user.id,
      },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        actor: { id: user.id, email: user.email },
        action: 'maintenance-window.created',
        result: 'ok',
        chainId: chain.id,
        target: chain.slug,
        after: { cron: w.cron, durationMinutes: w.durationMinutes, reason: w.reason },
        detail: { window: made.id },
      },
      tx,
    );
    return made.id;
  });
  await requestRunNow('alerts');
  return { window: toDto(await db.maintenanceWindow.findUniqueOrThrow({ where: { id }, select: windowSelect })) };
}

/** DELETE /api/v1/maintenance-windows/{id} (ops, admins). */
export async function deleteMaintenanceWindow(id: string): Promise<void> {
  const user = await authorize('alerts:silence', { target: `maintenance-window:${id}` });
  const found = z.uuid().safeParse(id).success
    ? await db.maintenanceWindow.findUnique({
        where: { id },
        select: { chainId: true, cron: true, durationMinutes: true, reason: true, chain: { select: { slug: true } } },
      })
    : null;
  if (!found) throw new AppError('not-found', `No maintenance window ${id}.`);
  await db.$transaction(async (tx) => {
    const gone = await tx.maintenanceWindow.deleteMany({ where: { id } });
    if (gone.count === 0) throw new AppError('not-found', `No maintenance window ${id}.`);
    await recordAuditEvent(
      {
        actor: { id: user.id, email: user.email },
        action: 'maintenance-window.deleted',
        result: 'ok',
        chainId: found.chainId,
        target: found.chain.slug,
        before: { cron: found.cron, durationMinutes: found.durationMinutes, reason: found.reason },
        detail: { window: id },
      },
      tx,
    );
  });
  await requestRunNow('alerts');
}
