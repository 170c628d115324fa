import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/app-error';
import type { ChannelDto } from '@/lib/alerts/channel-dto';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { channelSelect, toChannelDto } from './channel-records';

// The channels with their last deliveries (the caller authorized it: alerts:channels). A malformed id is a
// 404 like an unknown one: there is nothing to say about it.

export async function listChannels(): Promise<ChannelDto[]> {
  const rows = await db.alertChannel.findMany({ select: channelSelect, orderBy: { name: 'asc' } });
  return rows.map(toChannelDto);
}

/** The channel's row, or the 404. */
export async function readChannel(id: string, client: Prisma.TransactionClient = db) {
  const row = z.uuid().safeParse(id).success
    ? await client.alertChannel.findUnique({ where: { id }, select: channelSelect })
    : null;
  if (!row) throw new AppError('not-found', `No alert channel ${id}.`);
  return row;
}

export async function findChannel(id: string): Promise<ChannelDto> {
  return toChannelDto(await readChannel(id));
}
