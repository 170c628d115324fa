import 'server-only';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { Actor } from '@/lib/server/audit/record-audit-event';
import { db } from '@/lib/server/db/client';
import { auditedChannel } from './channel-records';
import { readChannel } from './find-channels';

// Deleting a channel (admins; the caller authorized it), with its audit event in the same transaction. Its
// notifications stay as history (channelId set null); one still queued then fails, saying the channel is gone.

export async function deleteChannel(id: string, actor: Actor): Promise<{ deleted: { id: string; name: string } }> {
  return db.$transaction(async (tx) => {
    const row = await readChannel(id, tx);
    await tx.alertChannel.delete({ where: { id: row.id } });
    await recordAuditEvent(
      {
        actor,
        action: 'alert-channel.delete',
        result: 'ok',
        target: `alert-channel:${row.name}`,
        before: auditedChannel(row),
      },
      tx,
    );
    return { deleted: { id: row.id, name: row.name } };
  });
}
