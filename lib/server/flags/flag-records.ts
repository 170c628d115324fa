import 'server-only';
import { AppError } from '@/lib/app-error';
import type { FlagDto } from '@/lib/flags/flag-dto';
import type { FlagRules } from '@/lib/flags/flag-value';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';

// A flag as read from the database: one select, one DTO, and the rules its values are checked with, shared by
// every flag data function so a column is named once. No authorization here: the worker's operations read it
// too (authorization is the request's, in the functions that answer a caller).

export const flagSelect = {
  id: true,
  key: true,
  description: true,
  type: true,
  defaultValue: true,
  jsonSchema: true,
  owner: true,
  residency: true,
  sensitive: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.FlagSelect;

export type FlagRow = Prisma.FlagGetPayload<{ select: typeof flagSelect }>;

export function toFlagDto(f: FlagRow): FlagDto {
  return {
    key: f.key,
    description: f.description,
    type: f.type,
    defaultValue: f.defaultValue,
    jsonSchema: f.jsonSchema,
    owner: f.owner,
    residency: f.residency,
    sensitive: f.sensitive,
    archivedAt: f.archivedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export const flagRules = (f: FlagRules): FlagRules => ({
  key: f.key,
  type: f.type,
  defaultValue: f.defaultValue,
  jsonSchema: f.jsonSchema,
  residency: f.residency,
});

/** What the audit event keeps of a flag's definition, before and after a change. */
export const auditedFlag = (f: FlagRow) => {
  const { id: _id, createdAt: _c, updatedAt: _u, archivedAt, ...rest } = f;
  return { ...rest, archived: archivedAt !== null } as Prisma.InputJsonObject;
};

/** The flag by key, or the 404. */
export async function readFlag(key: string, client: Prisma.TransactionClient = db): Promise<FlagRow> {
  const flag = await client.flag.findUnique({ where: { key }, select: flagSelect });
  if (!flag) throw new AppError('not-found', `No flag "${key}".`);
  return flag;
}
