import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/server/db/client';

// Walks the whole chain, oldest first, a batch at a time: each event's stored hash must be what its fields
// give (audit_event_hash, the one definition, in the migration), and its prevHash the hash of the event
// before it. A changed event breaks the first test; a removed or inserted one, the second.

export const auditVerificationSchema = z
  .object({
    status: z.enum(['ok', 'broken']),
    events: z.number().int().meta({ description: 'Events checked' }),
    head: z.string().nullable().meta({ description: 'The newest hash: record it elsewhere to detect a rewrite' }),
    firstBroken: z.object({ id: z.string(), at: z.string(), action: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

const BATCH = 5_000;

type Row = { id: bigint; at: Date; action: string; prevHash: string | null; hash: string | null; expected: string };

export async function verifyAuditTrail(): Promise<AuditVerification> {
  let previous: string | null = null;
  let afterId = -1n;
  let events = 0;
  for (;;) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT e."id", e."at", e."action", e."prevHash", e."hash", audit_event_hash(e) AS "expected"
      FROM "AuditEvent" e WHERE e."id" > ${afterId} ORDER BY e."id" LIMIT ${BATCH}`;
    for (const row of rows) {
      const reason =
        row.hash !== row.expected
          ? 'its fields do not give its hash: it was changed after it was written'
          : row.prevHash !== previous
            ? previous === null
              ? 'the first event links to an event that is not there'
              : 'it does not link to the event before it: an event was removed or inserted'
            : null;
      if (reason) {
        return {
          status: 'broken',
          events: events + 1,
          head: null,
          firstBroken: { id: row.id.toString(), at: row.at.toISOString(), action: row.action, reason },
        };
      }
      previous = row.hash;
      events++;
    }
    if (rows.length < BATCH) return { status: 'ok', events, head: previous, firstBroken: null };
    afterId = rows.at(-1)!.id;
  }
}
