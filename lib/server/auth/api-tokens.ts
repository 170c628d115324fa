import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/server/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { tokenHash as hashToken } from './token-hash';

// Personal API tokens: 32 random bytes, shown once. Only a SHA-256 hash is stored: a token carries its
// own entropy, so a slow KDF would add nothing but latency to every API call.
const TOKEN_PREFIX = 'fpt_';

export type ApiTokenDto = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export async function createApiToken(options: {
  userId: string;
  actorEmail: string;
  name: string;
}): Promise<{ token: string; apiToken: ApiTokenDto }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: options.userId, name: options.name, prefix: token.slice(0, 12), tokenHash: hashToken(token) },
    });
    await recordAuditEvent(
      {
        actor: { id: options.userId, email: options.actorEmail },
        action: 'api-token.create',
        result: 'ok',
        target: created.id,
        after: { name: created.name, prefix: created.prefix },
      },
      tx,
    );
    return created;
  });
  return { token, apiToken: toDto(row) };
}

/** Revokes one of the user's own tokens; false when they have no such active token. */
export async function revokeApiToken(options: { userId: string; actorEmail: string; id: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({
      where: { id: options.id, userId: options.userId, revokedAt: null },
      data: { revokedAt },
    });
    await recordAuditEvent(
      {
        actor: { id: options.userId, email: options.actorEmail },
        action: 'api-token.revoke',
        result: count ? 'ok' : 'failed',
        target: options.id,
        ...(count ? { before: { revokedAt: null }, after: { revokedAt: revokedAt.toISOString() } } : {}),
      },
      tx,
    );
    return count > 0;
  });
}

export async function listApiTokens(userId: string): Promise<ApiTokenDto[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  return rows.map(toDto);
}

/** The id of the user an active token belongs to, or null. */
export async function findTokenUserId(token: string): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  // Written at most once a minute per token: a busy pipeline should not turn reads into writes.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.userId;
}

function toDto(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
