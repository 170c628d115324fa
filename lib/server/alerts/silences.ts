import 'server-only';
import { z } from 'zod';
import { AppError, invalid, zodIssues } from '@/lib/app-error';
import { silenceInputSchema } from '@/lib/alerts/alert-input';
import type { SilenceDto } from '@/lib/alerts/alert-dto';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { authorize } from '@/lib/server/auth/authorize';
import { db } from '@/lib/server/db/client';
import { requestRunNow } from '@/lib/server/schedule/schedule-store';

// Silences (ops, admins): a chain, a rule or both, until a time, with a reason; audited. Notifications of
// the alerts they match are held (lib/server/alerts/alert-holds.ts); the alert job runs at once after a
// change, so a held firing alert is told as soon as its silence ends or is expired.

const silenceSelect = {
  id: true,
  rule: true,
  startsAt: true,
  endsAt: true,
  reason: true,
  expiredAt: true,
  chain: { select: { slug: true, name: true } },
  createdBy: { select: { email: true } },
} satisfies Prisma.SilenceSelect;

function toDto(s: Prisma.SilenceGetPayload<{ select: typeof silenceSelect }>, now = new Date()): SilenceDto {
  return {
    id: s.id,
    chain: s.chain,
    rule: s.rule,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    reason: s.reason,
    createdBy: s.createdBy?.email ?? null,
    expiredAt: s.expiredAt?.toISOString() ?? null,
    active: !s.expiredAt && s.startsAt <= now && s.endsAt > now,
  };
}

/** GET /api/v1/silences: active and upcoming ones, then those ended in the last 7 days. */
export async function findSilences(): Promise<{ silences: SilenceDto[] }> {
  await authorize('fleet:read', { target: 'silences' });
  const rows = await db.silence.findMany({
    where: { endsAt: { gt: new Date(Date.now() - 7 * 86_400_000) } },
    select: silenceSelect,
    orderBy: [{ endsAt: 'desc' }],
    take: 500,
  });
  const dtos = rows.map((r) => toDto(r));
  return {
    silences: [
      ...dtos.filter((s) => !s.expiredAt && Date.parse(s.endsAt) > Date.now()),
      ...dtos.filter((s) => s.expiredAt || Date.parse(s.endsAt) <= Date.now()),
    ],
  };
}

/** POST /api/v1/silences (ops, admins): 201 with the silence. */
export async function createSilence(body: unknown): Promise<{ silence: SilenceDto }> {
  const user = await authorize('alerts:silence', { target: 'silences' });
  const parsed = silenceInputSchema.safeParse(body);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, { root: 'body' }));
  const s = parsed.data;
  const chain = s.chain
    ? await db.chain.findUnique({ where: { slug: s.chain }, select: { id: true, slug: true } })
    : null;
  if (s.chain && !chain) throw invalid([`chain: no chain ${s.chain}`]);
  const id = await db.$transaction(async (tx) => {
    const made = await tx.silence.create({
      data: {
        chainId: chain?.id,
        rule: s.rule,
        startsAt: s.startsAt ? new Date(s.startsAt) : new Date(),
        endsAt: new Date(s.endsAt),
        reason: s.reason,
        createdById: user.id,
      },
      select: { id: true, startsAt: true, endsAt: true },
    });
    await recordAuditEvent(
      {
        actor: { id: user.id, email: user.email },
        action: 'silence.created',
        result: 'ok',
        chainId: chain?.id,
        target: chain?.slug ?? `rule:${s.rule}`,
        after: {
          rule: s.rule ?? null,
          startsAt: made.startsAt.toISOString(),
          endsAt: made.endsAt.toISOString(),
          reason: s.reason,
        },
        detail: { silence: made.id },
      },
      tx,
    );
    return made.id;
  });
  await requestRunNow('alerts');
  return { silence: toDto(await db.silence.findUniqueOrThrow({ where: { id }, select: silenceSelect })) };
}

/** POST /api/v1/silences/{id}/expire (ops, admins): it ends now; held alerts still firing are told. */
export async function expireSilence(id: string): Promise<{ silence: SilenceDto }> {
  const user = await authorize('alerts:silence', { target: `silence:${id}` });
  const found = z.uuid().safeParse(id).success
    ? await db.silence.findUnique({ where: { id }, select: { id: true } })
    : null;
  if (!found) throw new AppError('not-found', `No silence ${id}.`);
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ endsAt: Date; expiredAt: Date | null; chainId: string | null }[]>`
      SELECT "endsAt", "expiredAt", "chainId" FROM "Silence" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const now = new Date();
    if (row!.expiredAt || row!.endsAt <= now) throw new AppError('conflict', 'The silence has already ended.');
    await tx.silence.update({ where: { id }, data: { expiredAt: now } });
    await recordAuditEvent(
      {
        actor: { id: user.id, email: user.email },
        action: 'silence.expired',
        result: 'ok',
        chainId: row!.chainId ?? undefined,
        target: `silence:${id}`,
        before: { endsAt: row!.endsAt.toISOString() },
        after: { expiredAt: now.toISOString() },
      },
      tx,
    );
  });
  await requestRunNow('alerts');
  return { silence: toDto(await db.silence.findUniqueOrThrow({ where: { id }, select: silenceSelect })) };
}
