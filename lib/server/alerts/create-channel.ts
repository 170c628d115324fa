import 'server-only';
import { randomBytes } from 'node:crypto';
import { AppError, invalid, zodIssues } from '@/lib/app-error';
import type { ChannelDto } from '@/lib/alerts/channel-dto';
import { createChannelInputSchema } from '@/lib/alerts/channel-input';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { auditedChannel, channelSelect, toChannelDto } from './channel-records';

// Creating an alert channel (admins; the caller authorized it). The tiers and chains it routes by must exist;
// a webhook's signing secret is generated here unless given, answered once and never again. The row and its
// audit event (without the secret) commit together.

/** 32 random bytes, base64url: what a webhook channel signs its deliveries with. */
export const newWebhookSecret = () => randomBytes(32).toString('base64url');

export type CreatedChannel = { channel: ChannelDto; secret: string | null };

async function unknownKeys(tierKeys: string[], chainSlugs: string[], tx: Prisma.TransactionClient) {
  const [tiers, chains] = await Promise.all([
    tx.slaTier.findMany({ where: { key: { in: tierKeys } }, select: { key: true } }),
    tx.chain.findMany({ where: { slug: { in: chainSlugs } }, select: { slug: true } }),
  ]);
  const tierSet = new Set(tiers.map((t) => t.key));
  const chainSet = new Set(chains.map((c) => c.slug));
  return [
    ...tierKeys.filter((k) => !tierSet.has(k)).map((k) => `tierKeys: there is no SLA tier "${k}"`),
    ...chainSlugs.filter((s) => !chainSet.has(s)).map((s) => `chainSlugs: there is no chain "${s}"`),
  ];
}

export async function createChannel(raw: unknown, actor: Actor): Promise<CreatedChannel> {
  const parsed = createChannelInputSchema.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, { root: 'body' }), 'The channel was not created');
  const { secret: given, ...input } = parsed.data;
  const secret = input.kind === 'webhook' ? (given ?? newWebhookSecret()) : null;
  try {
    return await db.$transaction(async (tx) => {
      const issues = await unknownKeys(input.tierKeys, input.chainSlugs, tx);
      if (issues.length) throw invalid(issues, 'The channel was not created');
      const row = await tx.alertChannel.create({
        data: {
          ...input,
          url: input.kind === 'webhook' ? input.url : null,
          emails: [...new Set(input.emails.map((e) => e.toLowerCase()))],
          severities: [...new Set(input.severities)],
          secret,
          createdById: actor.id,
        },
        select: channelSelect,
      });
      await recordAuditEvent(
        {
          actor,
          action: 'alert-channel.create',
          result: 'ok',
          target: `alert-channel:${row.name}`,
          after: auditedChannel(row),
        },
        tx,
      );
      return { channel: toChannelDto(row), secret };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new AppError('conflict', `A channel named "${input.name}" exists already.`);
    throw error;
  }
}
