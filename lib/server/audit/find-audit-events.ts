import 'server-only';
import { z } from 'zod';
import { encodeCursor, instant } from '@/lib/audit/audit-query';
import type { AuditQuery } from '@/lib/audit/audit-query';
import { Prisma } from '@/lib/generated/prisma/client';
import type { AuditResult, AuditSource, Role } from '@/lib/generated/prisma/enums';
import { can, canSeeMoney } from '@/lib/server/auth/roles';
import type { Viewer } from '@/lib/server/auth/roles';
import { db } from '@/lib/server/db/client';
import { auditScope } from './audit-scope';
import { hideAuditMoney } from './audit-money';
import { searchConditions } from './audit-search';

// The audit trail as people read it: newest first, filtered, a page at a time by seeking on (at, id), never
// OFFSET, so page 1,000 costs what page 1 does. Each viewer sees their scope (audit-scope.ts), money cut for
// those who may not see it.

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string().nullable().meta({ description: "The actor's email at the time (kept if they are removed)." }),
    actorId: z.string().nullable(),
    actorRole: z.enum(['admin', 'ops', 'account_manager', 'finance']).nullable(),
    token: z.object({ id: z.string(), name: z.string() }).nullable(),
    source: z.enum(['ui', 'api', 'worker', 'cli']),
    action: z.string(),
    chain: z.string().nullable(),
    target: z.string().nullable(),
    result: z.enum(['ok', 'denied', 'failed']),
    before: z.unknown(),
    after: z.unknown(),
    moneyHidden: z.boolean().meta({ description: 'Money fields were left out of before and after for this caller.' }),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    detail: z.unknown(),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export type AuditPage = { events: AuditEventDto[]; nextCursor: string | null };

export const DEFAULT_AUDIT_PAGE = 100;

type Row = {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: Role | null;
  tokenId: string | null;
  tokenName: string | null;
  source: AuditSource;
  action: string;
  target: string | null;
  result: AuditResult;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: unknown;
  hash: string | null;
  chainSlug: string | null;
  accountManagerId: string | null;
};

/** LIKE's own characters, escaped: a search for "50%" finds "50%". */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(query: AuditQuery, viewer: Viewer): Prisma.Sql[] {
  const where = [auditScope(viewer)];
  if (query.chain) where.push(Prisma.sql`c."slug" = ${query.chain}`);
  if (query.actor) where.push(Prisma.sql`lower(e."actorEmail") = ${query.actor.toLowerCase()}`);
  if (query.action) where.push(Prisma.sql`e."action" LIKE ${`${likeLiteral(query.action)}%`}`);
  if (query.requestId) where.push(Prisma.sql`e."requestId" = ${query.requestId}`);
  if (query.result) where.push(Prisma.sql`e."result" = ${query.result}::"AuditResult"`);
  const from = query.from ?? query.since;
  if (from) where.push(Prisma.sql`e."at" >= ${instant(from)}::timestamptz AT TIME ZONE 'UTC'`);
  if (query.to) where.push(Prisma.sql`e."at" < ${instant(query.to)}::timestamptz AT TIME ZONE 'UTC'`);
  // Full-text, on its index (audit-search.ts); without the money a viewer may not see.
  if (query.q) where.push(...searchConditions(query.q, can(viewer.role, 'money:read')));
  if (query.cursor) {
    where.push(
      Prisma.sql`(e."at", e."id") < (${query.cursor.at}::timestamptz AT TIME ZONE 'UTC', ${query.cursor.id}::bigint)`,
    );
  }
  return where;
}

async function readPage(query: AuditQuery, viewer: Viewer, limit: number): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT e."id", e."at", e."actorId", e."actorEmail", e."actorRole", e."tokenId", e."tokenName", e."source",
      e."action", e."target", e."result", e."before", e."after", e."requestId", e."ip", e."userAgent", e."detail",
      e."hash", c."slug" AS "chainSlug", c."accountManagerId"
    FROM "AuditEvent" e LEFT JOIN "Chain" c ON c."id" = e."chainId"
    WHERE ${Prisma.join(conditions(query, viewer), ' AND ')}
    ORDER BY e."at" DESC, e."id" DESC
    LIMIT ${limit}`;
}

function toDto(row: Row, viewer: Viewer): AuditEventDto {
  const money = row.chainSlug
    ? canSeeMoney(viewer, { accountManagerId: row.accountManagerId })
    : can(viewer.role, 'money:read');
  const { before, after, detail, moneyHidden } = hideAuditMoney(row, money);
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: row.actorEmail,
    actorId: row.actorId,
    actorRole: row.actorRole,
    token: row.tokenId ? { id: row.tokenId, name: row.tokenName ?? '' } : null,
    source: row.source,
    action: row.action,
    chain: row.chainSlug,
    target: row.target,
    result: row.result,
    before,
    after,
    moneyHidden,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    detail,
    hash: row.hash,
  };
}

/** One page of the events the viewer may read, and the cursor of the next (null on the last). */
export async function findAuditEvents(query: AuditQuery, viewer: Viewer): Promise<AuditPage> {
  const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
  const rows = await readPage(query, viewer, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map((r) => toDto(r, viewer)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id.toString() }) : null,
  };
}

/** Every event of the filtered view, a page at a time (the CSV export). */
export async function* allAuditEvents(query: AuditQuery, viewer: Viewer): AsyncGenerator<AuditEventDto> {
  let cursor = query.cursor;
  for (;;) {
    const { events, nextCursor } = await findAuditEvents({ ...query, cursor, limit: 500 }, viewer);
    yield* events;
    if (!nextCursor) return;
    const last = events.at(-1)!;
    cursor = { at: last.at, id: last.id };
  }
}
